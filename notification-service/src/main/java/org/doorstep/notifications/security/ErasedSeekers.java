package org.doorstep.notifications.security;

import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Erased seekers, as this service learnt them from {@code doorstep.seeker-preferences.v1} ({@code seeker.erased}
 * or the tombstone): the erasure marker that {@code SeekerErasure} leaves in the preferences copy (the seekerId
 * as {@code _id}, nothing else about the person), read by key.
 */
@Component
class ErasedSeekers implements RevokedSubjects {

    private final PreferencesStore preferences;

    ErasedSeekers(PreferencesStore preferences) {
        this.preferences = preferences;
    }

    @Override
    public Mono<Boolean> isRevoked(String seekerId) {
        return preferences.find(seekerId).map(Preferences::isErased);
    }
}
