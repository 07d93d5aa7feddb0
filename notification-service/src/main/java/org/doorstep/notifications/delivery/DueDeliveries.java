package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The waiting deliveries of the partitions this instance owns, in memory: the release and digest jobs
 * look here instead of querying the inbox. Loaded from {@link PendingDeliveries} when a partition is
 * assigned, kept up to date by the batches and jobs that write it.
 */
@Component
class DueDeliveries {

    private final Map<Integer, Map<String, Pending>> byPartition = new ConcurrentHashMap<>();
    private final PendingDeliveries store;

    DueDeliveries(PendingDeliveries store) {
        this.store = store;
    }

    void load(int partition) {
        Map<String, Pending> waiting = new ConcurrentHashMap<>();
        store.ofPartition(partition).doOnNext(pending -> waiting.put(pending.matchId(), pending))
                .then().block(Duration.ofSeconds(60));
        byPartition.put(partition, waiting);
    }

    void drop(int partition) {
        byPartition.remove(partition);
    }

    void put(Collection<Pending> pending) {
        pending.forEach(p -> of(p.partition()).put(p.matchId(), p));
    }

    void remove(int partition, Collection<String> matchIds) {
        Map<String, Pending> waiting = of(partition);
        matchIds.forEach(waiting::remove);
    }

    void forgetSeeker(String seekerId) {
        byPartition.values().forEach(waiting -> waiting.values().removeIf(p -> p.seekerId().equals(seekerId)));
    }

    /** Held deliveries whose hold ended at or before {@code now}, oldest hold first. */
    List<Pending> heldDue(int partition, Instant now, int limit) {
        return of(partition).values().stream()
                .filter(p -> p.kind() == Pending.Kind.HELD && !p.until().isAfter(now))
                .sorted(Comparator.comparing(Pending::until).thenComparing(Pending::matchId))
                .limit(limit)
                .toList();
    }

    /** Deliveries waiting for a digest, by seeker, oldest first. */
    Map<String, List<Pending>> waitingForDigest(int partition) {
        Map<String, List<Pending>> bySeeker = new LinkedHashMap<>();
        of(partition).values().stream()
                .filter(p -> p.kind() == Pending.Kind.DIGEST)
                .sorted(Comparator.comparing(Pending::since).thenComparing(Pending::matchId))
                .forEach(p -> bySeeker.computeIfAbsent(p.seekerId(), id -> new java.util.ArrayList<>()).add(p));
        return bySeeker;
    }

    int size() {
        return byPartition.values().stream().mapToInt(Map::size).sum();
    }

    private Map<String, Pending> of(int partition) {
        return byPartition.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
    }
}
