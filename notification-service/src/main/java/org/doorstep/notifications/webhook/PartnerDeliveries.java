package org.doorstep.notifications.webhook;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The queue of events per partner: pending, in flight (leased), delivered, or dead (after the last try). */
public interface PartnerDeliveries {

    /** Queues the event unless one with its id exists for the partner. */
    Mono<Void> enqueue(PartnerEvent event);

    /** Partners with events due at {@code now}. */
    Flux<String> partnersWithDue(Instant now);

    /**
     * Leases up to {@code max} of the partner's oldest undelivered events until {@code leaseUntil}, in the order they
     * were made, stopping at the first that is not due: a later event never overtakes an earlier one.
     */
    Flux<PartnerEvent> claim(String partnerId, Instant now, Instant leaseUntil, int max);

    Mono<Void> delivered(String partnerId, Collection<String> eventIds, Instant at);

    /** Back to pending, due at {@code dueAt} (circuit open: not a failed try). */
    Mono<Void> postpone(String partnerId, Collection<String> eventIds, Instant dueAt);

    Mono<Void> dead(String partnerId, Collection<String> eventIds, String error, Instant at);

    Flux<DeadLetter> deadLetters(String partnerId, int limit);

    /** Dead events back to pending (all when {@code eventIds} is empty); emits how many. */
    Mono<Long> replay(String partnerId, List<String> eventIds, Instant now);

    /** Drops every event about the seeker, except the erasure notices ({@code seeker.erased}) queued for them. */
    Mono<Void> purgeSeeker(String seekerId);

    /** The ids of the events about the seeker (queued, delivered or dead), except the erasure notices. */
    Flux<String> eventIdsOf(String seekerId);

    /** The ids of the seeker's events not delivered (queued or dead): what {@link #dropUndelivered} drops. */
    Flux<String> undeliveredEventIdsOf(String seekerId);

    /**
     * The partners that were sent, or have queued, events about the seeker: those recorded in the seeker's
     * audience (kept after the events themselves are forgotten) and those of events still held.
     */
    Flux<String> audienceOf(String seekerId);

    /** Records that the partner is told about the seeker (one keyed upsert; a repeat changes nothing). */
    Mono<Void> addToAudience(String seekerId, String partnerId);

    /** Forgets the seeker's audience, once every partner in it has an erasure notice queued. */
    Mono<Void> forgetAudience(String seekerId);

    /** Drops the seeker's events not delivered yet (pending and dead; in-flight ones are already sent). */
    Mono<Void> dropUndelivered(String seekerId);

    /** Drops delivered events delivered before {@code before}; emits how many. */
    Mono<Long> forgetDelivered(Instant before);

    record DeadLetter(String eventId, String type, String matchId, String data, String lastError, Instant failedAt,
                      Instant createdAt) {
    }
}
