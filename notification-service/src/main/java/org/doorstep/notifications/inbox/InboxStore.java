package org.doorstep.notifications.inbox;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The seekers' inboxes. */
public interface InboxStore {

    /** Adds the item unless one with its match id exists; emits the stored item either way. */
    Mono<InboxItem> addIfAbsent(InboxItem item);

    /** Keeps the newest revision of the match (score, reasons) without touching delivery state. */
    Mono<Void> refresh(MatchFound match);

    /** The item if it belongs to this seeker and has not expired at {@code now}. */
    Mono<InboxItem> find(String seekerId, String matchId, Instant now);

    /** A page of live (unexpired, not dismissed) items, newest first, after the cursor. */
    Mono<InboxPage> page(String seekerId, String cursor, int size, Instant now);

    Mono<Void> markDelivery(String matchId, Delivery delivery, Instant holdUntil);

    Mono<Void> markFeedback(String seekerId, String matchId, String feedback);

    /** Removes the item; emits whether it was there. */
    Mono<Boolean> remove(String seekerId, String matchId);

    /** Held items whose hold ended at or before {@code now}, oldest first. */
    Flux<InboxItem> heldUntil(Instant now, int limit);

    Flux<InboxItem> waitingForDigest(String seekerId);

    Mono<Void> purge(String seekerId);

    /** Deletes items that expired before {@code now}; emits how many. */
    Mono<Long> expire(Instant now);
}
