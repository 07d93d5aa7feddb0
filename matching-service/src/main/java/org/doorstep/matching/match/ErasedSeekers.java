package org.doorstep.matching.match;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seekers erased since this instance started, by a one-way hash of their id: enough to refuse a
 * late or replayed profile and to say "erased" to an operator who asks about a given id, without this
 * instance keeping the ids of the people who asked to be forgotten.
 */
final class ErasedSeekers {

    private final Set<String> hashes = ConcurrentHashMap.newKeySet();

    void add(String seekerId) {
        hashes.add(OneWayHash.of(seekerId));
    }

    boolean contains(String seekerId) {
        return seekerId != null && !hashes.isEmpty() && hashes.contains(OneWayHash.of(seekerId));
    }
}
