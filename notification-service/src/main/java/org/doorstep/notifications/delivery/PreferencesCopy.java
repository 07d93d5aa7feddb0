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
    private final Clock clock;

    PreferencesCopy(PreferencesStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean save(Preferences preferences) {
        return Boolean.TRUE.equals(store.save(preferences,
                NotificationPolicy.lastDigestSlot(preferences, clock.instant())).block());
    }
}
