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

    /**
     * Stores the seeker's preferences unless a newer copy is stored; true if stored. Withdrawing consent to share with
     * partners (shared before, not now) drops what was queued for them; a copy that never shared has nothing queued
     * (partner deliveries need it), so a new seeker's first preferences cost no search of the partner deliveries.
     */
    public boolean save(Preferences preferences) {
        Preferences replaced = store.save(preferences, NotificationPolicy.lastDigestSlot(preferences, clock.instant())).block();
        if (replaced != null && replaced.shareWithPartners() && !preferences.shareWithPartners()) {
            erasure.consentWithdrawn(preferences.seekerId());
        }
        return replaced != null;
    }
}
