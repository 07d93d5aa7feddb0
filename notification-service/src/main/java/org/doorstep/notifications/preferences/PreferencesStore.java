package org.doorstep.notifications.preferences;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import reactor.core.publisher.Mono;

/** The local copy of seekers' preferences plus per-seeker delivery counters. */
public interface PreferencesStore {

    /**
     * Stores the preferences unless a version at least as new is stored. Emits the copy they replaced (the defaults
     * when there was none) if they were stored, nothing if not.
     */
    Mono<Preferences> save(Preferences preferences, Instant digestSlot);

    /** The seeker's preferences, or the defaults. */
    Mono<Preferences> find(String seekerId);

    /** The preferences of these seekers (the defaults for those without), by seeker id: one keyed read. */
    Mono<Map<String, Preferences>> findAll(Collection<String> seekerIds);

    /** Live pushes counted per {@link #dayKey}, for the keys that have a count: one keyed read. */
    Mono<Map<String, Long>> pushCounts(Collection<String> dayKeys);

    /** Sets these counts (absolute values: one writer per seeker) in one bulk write keyed by day key. */
    Mono<Void> savePushCounts(Map<String, Long> counts);

    static String dayKey(String seekerId, String day) {
        return seekerId + "|" + day;
    }

    /**
     * Forgets the seeker's preferences and counters, keeping only an erasure marker (the seekerId)
     * so that events arriving late for them are dropped and later preferences are ignored.
     */
    Mono<Void> purge(String seekerId);
}
