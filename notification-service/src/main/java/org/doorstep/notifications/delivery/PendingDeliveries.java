package org.doorstep.notifications.delivery;

import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The waiting deliveries, one document per match ({@code _id} = matchId), kept so that an instance
 * taking over a partition knows them; the jobs work from the copy in memory ({@link DueDeliveries}).
 */
public interface PendingDeliveries {

    /** Upserts by match id, in one bulk write. */
    Mono<Void> save(List<Pending> pending);

    /** Deletes by match id, in one bulk write. */
    Mono<Void> remove(Collection<String> matchIds);

    /** All waiting on the partition: read once when the partition is assigned (a small collection). */
    Flux<Pending> ofPartition(int partition);

    Mono<Void> purge(String seekerId);
}
