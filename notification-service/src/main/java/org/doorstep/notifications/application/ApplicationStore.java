package org.doorstep.notifications.application;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applications by id, each with its events still to publish in the same document (outbox inside the aggregate), and
 * the list of each seeker's application ids. Every read and write is keyed by {@code _id} (or exactly
 * {@code {_id, version}}).
 */
public interface ApplicationStore {

    /** Inserts the application with its first events and lists it for its seeker; emits false if it exists already. */
    Mono<Boolean> create(Application application, List<PendingEvent> events);

    Mono<Application> find(String applicationId);

    /** Those of these applications that exist, in no particular order (one read by {@code _id $in}). */
    Flux<Application> findAll(java.util.Collection<String> applicationIds);

    /** Writes {@code after} (its version moved on by one) if the stored one is still at {@code after.version()}. */
    Mono<Boolean> replace(Application after, List<PendingEvent> events);

    Flux<Application> ofSeeker(String seekerId);

    /**
     * The partner's applications, newest first, up to {@code limit} after {@code afterApplicationId} (null: from the
     * newest); no list at all (empty) when that id is not one of the partner's. Two keyed reads.
     */
    Mono<List<Application>> ofPartner(String partnerId, String afterApplicationId, int limit);

    /**
     * Erasure: each of the seeker's applications keeps only its id, partner, posting, status {@code WITHDRAWN} and its
     * steps (a tombstone: no seeker, match or packet, no unsent event); the seeker's list goes.
     */
    Mono<Void> erase(String seekerId, java.time.Instant at);

    /** Notes, on each of these applications that exists, when its posting closed (application id to time; null: open). */
    Mono<Void> postingsClosed(java.util.Map<String, java.time.Instant> closedAt);

    /** Pending events, oldest documents first. */
    Flux<PendingEvent> pending(int limit);

    Mono<Void> markSent(String applicationId, String ceId);

    /** Where an event goes: the application requests (to seekers-service) or the feedback on matches (to matching). */
    enum Channel { REQUESTS, FEEDBACK }

    /** An event to publish on {@code channel} under {@code key}. */
    record PendingEvent(String applicationId, String ceId, Channel channel, String key, String type, String data,
                        String time) {
    }
}
