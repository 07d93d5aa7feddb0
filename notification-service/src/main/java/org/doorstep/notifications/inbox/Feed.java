package org.doorstep.notifications.inbox;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The per-seeker, sequence-numbered feed that live streams replay from. */
public interface Feed {

    /**
     * Appends an event unless one with the same key exists (idempotent by key), assigning the next
     * sequence number of the seeker. Emits the stored event. Callers serialise appends per seeker.
     */
    Mono<FeedEvent> append(String seekerId, String key, String type, String matchId, String data);

    /** Events after {@code sequence}, in sequence order, at most {@code limit}. */
    Flux<FeedEvent> after(String seekerId, long sequence, int limit);

    Mono<Void> purge(String seekerId);

    /** Deletes entries past their retention at {@code now}; emits how many. */
    Mono<Long> expire(java.time.Instant now);
}
