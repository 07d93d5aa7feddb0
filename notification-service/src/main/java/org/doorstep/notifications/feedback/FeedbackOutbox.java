package org.doorstep.notifications.feedback;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Feedback per match with its pending events in the same document (outbox inside the aggregate):
 * recording and queueing the event is one atomic write.
 */
public interface FeedbackOutbox {

    /** Records the feedback with a pending event; emits false when this feedback was already given (no new event). */
    Mono<Boolean> record(SeekerFeedback feedback, String ceId, String data);

    /** Pending events, oldest first. */
    Flux<PendingEvent> pending(int limit);

    /** Removes a published event from the outbox. */
    Mono<Void> markSent(String matchId, String ceId);

    Mono<Void> purge(String seekerId);

    record PendingEvent(String matchId, String seekerId, String ceId, String type, String data, String time) {
    }
}
