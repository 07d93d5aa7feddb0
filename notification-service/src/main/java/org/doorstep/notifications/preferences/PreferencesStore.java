package org.doorstep.notifications.preferences;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The local copy of seekers' preferences plus per-seeker delivery counters. */
public interface PreferencesStore {

    /** Stores the preferences unless a version at least as new is stored; emits whether it changed. */
    Mono<Boolean> save(Preferences preferences, Instant digestSlot);

    /** The seeker's preferences, or the defaults. */
    Mono<Preferences> find(String seekerId);

    /** Live pushes counted for the seeker on the given day key. */
    Mono<Long> pushesOn(String seekerId, String day);

    Mono<Void> countPush(String seekerId, String day);

    /** Seekers with a daily digest whose last digest slot is before {@code slotBefore}... checked per seeker. */
    Flux<Preferences> withDailyDigest();

    /** Marks the digest slot as handled; emits false when another instance did it already. */
    Mono<Boolean> claimDigest(String seekerId, Instant slot);

    /**
     * Forgets the seeker's preferences and counters, keeping only an erasure marker (the seekerId)
     * so that events arriving late for them are dropped and later preferences are ignored.
     */
    Mono<Void> purge(String seekerId);
}
