package org.doorstep.notifications.inbox.messaging;

import java.time.Duration;

import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;

/**
 * Whether the store holds the seeker's erasure marker (the preferences copy that {@code SeekerErasure} leaves: the
 * seekerId as {@code _id}, nothing else about the person), read by key: what a broadcast erasure is checked against
 * before any stream is ended, since the broadcast topic is not trusted.
 */
final class ErasureMarker {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private ErasureMarker() {
    }

    static boolean stored(PreferencesStore preferences, String seekerId) {
        return Boolean.TRUE.equals(preferences.find(seekerId).map(Preferences::isErased).block(READ_TIMEOUT));
    }
}
