package org.doorstep.notifications.delivery;

import java.time.Clock;

import org.doorstep.notifications.preferences.NotificationPolicy;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.stereotype.Service;

/** Keeps the local copy of preferences; a new daily digest starts counting from its latest slot. */
@Service
public class PreferencesCopy {

    private final PreferencesStore store;
    private final SeekerErasure erasure;
    private final Clock clock;

    PreferencesCopy(PreferencesStore store, SeekerErasure erasure, Clock clock) {
        this.store = store;
        this.erasure = erasure;
        this.clock = clock;
    }

    public boolean save(Preferences preferences) {
        boolean changed = Boolean.TRUE.equals(store.save(preferences,
                NotificationPolicy.lastDigestSlot(preferences, clock.instant())).block());
        if (changed && !preferences.shareWithPartners()) {
            erasure.consentWithdrawn(preferences.seekerId());
        }
        return changed;
    }
}
