package org.doorstep.postings.posting.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

/**
 * Lets the chunks of one NDJSON batch overlap (one is written while the one before waits for the broker's
 * acknowledgements) without reordering anything that matters: a chunk naming an externalId that a chunk
 * still in flight also names starts only after every chunk before it has finished, so the writes and
 * events of one posting keep the order of the lines. Remembers only the chunks still in flight.
 * One instance per batch; chunks are registered in order, from one thread at a time.
 */
final class ChunkOrdering {

    private record InFlight(Set<String> externalIds, Mono<Void> done) {
    }

    private final List<InFlight> inFlight = Collections.synchronizedList(new ArrayList<>());

    /**
     * Runs {@code chunk} (which names {@code externalIds}) once it may start; the returned Mono is cached,
     * so subscribing to it again does not run the chunk twice.
     */
    <T> Mono<T> schedule(Set<String> externalIds, Mono<T> chunk) {
        List<Mono<Void>> before = new ArrayList<>();
        boolean overlaps = false;
        synchronized (inFlight) {
            for (InFlight earlier : inFlight) {
                before.add(earlier.done());
                overlaps |= !Collections.disjoint(earlier.externalIds(), externalIds);
            }
        }
        Mono<Void> gate = overlaps ? Mono.when(before) : Mono.empty();
        Mono<T> run = gate.then(chunk).cache();
        InFlight entry = new InFlight(externalIds, run.then().onErrorComplete().cache());
        inFlight.add(entry);
        return run.doFinally(signal -> inFlight.remove(entry));
    }

    static Set<String> externalIds(Collection<String> ids) {
        return ids.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
