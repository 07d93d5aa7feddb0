package org.doorstep.postings.outbox;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Publishing, one run at a time per document: a run for a document starts only once the previous run for it
 * has finished, so its events reach the broker in the order they were written, whoever asked (a request that
 * just wrote it, the sweeper). A run leaves out the entries an earlier run of the same lane already got
 * acknowledged (a document read before they were marked sent still lists them). A lane lives while it has
 * runs; it is dropped when its last run ends.
 */
final class PublishLanes {

    private record Key(String collection, Object id) {
    }

    private static final class Lane {
        private Mono<Boolean> last;
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    }

    private final ConcurrentHashMap<Key, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * Queues a run on the document's lane and starts the lane if it was idle: when the run's turn comes,
     * {@code entries} is read (the entries a write just left, or the document's pending entries read afresh)
     * and {@code publish} gets those an earlier run of the lane has not had acknowledged. Neither may fail:
     * {@code publish} tells whether every entry it was given was acknowledged and marked sent; an empty
     * {@code entries} counts as not published. The run goes ahead whether or not the returned Mono is
     * subscribed to; that Mono tells how it ended.
     */
    Mono<Boolean> run(String collection, Object id, Mono<List<OutboxEntry>> entries,
                      Function<List<OutboxEntry>, Mono<Boolean>> publish) {
        Key key = new Key(collection, id);
        AtomicReference<Mono<Boolean>> queued = new AtomicReference<>();
        lanes.compute(key, (k, existing) -> {
            Lane lane = existing == null ? new Lane() : existing;
            Mono<Boolean> previous = lane.last == null ? Mono.just(true) : lane.last.onErrorReturn(false);
            Mono<Boolean> run = previous
                    .then(entries)
                    .map(all -> all.stream().filter(e -> !lane.acknowledged.contains(e.ceId())).toList())
                    .flatMap(fresh -> publish.apply(fresh).doOnNext(sent -> {
                        if (sent) {
                            fresh.forEach(e -> lane.acknowledged.add(e.ceId()));
                        }
                    }))
                    .defaultIfEmpty(false)
                    .doFinally(signal -> lanes.computeIfPresent(key, (k2, current) ->
                            current.last == queued.get() ? null : current))
                    .cache();
            lane.last = run;
            queued.set(run);
            return lane;
        });
        Mono<Boolean> run = queued.get();
        run.subscribe();
        return run;
    }
}
