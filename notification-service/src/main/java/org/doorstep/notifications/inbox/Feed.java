package org.doorstep.notifications.inbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The per-seeker, sequence-numbered feed that live streams replay from on (re)connect. An entry is
 * keyed by seeker and sequence, so writing the same event again is a no-op.
 */
public interface Feed {

    /** Stores the events (a repeat of a stored one changes nothing) and indexes them for replay. */
    Mono<Void> appendAll(List<FeedEvent> events);

    /** The seeker's retained events after {@code sequence}, in sequence order. */
    Flux<FeedEvent> after(String seekerId, long sequence);

    /** Which of these (seeker, sequence) entries are stored. */
    Mono<Set<FeedEvent.Key>> existing(Collection<FeedEvent.Key> keys);

    Mono<Void> purge(String seekerId);

    /** Deletes entries past their retention at {@code now}; emits how many. */
    Mono<Long> expire(Instant now);
}
