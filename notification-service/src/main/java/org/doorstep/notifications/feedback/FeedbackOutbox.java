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

    /** Removes a published event from the outbox; a published tombstone takes its erased document with it. */
    Mono<Void> markSent(String matchId, String ceId);

    /**
     * Erasure: each of the seeker's feedback documents keeps only its matchId and a pending tombstone of that key
     * (nothing about the seeker or the posting), so the seeker's feedback records on the compacted topic are compacted
     * away; the document goes once the tombstone is published.
     */
    Mono<Void> erase(String seekerId);

    /** An event to publish, keyed by {@code matchId}; a tombstone has no type, data or time. */
    record PendingEvent(String matchId, String ceId, String type, String data, String time) {

        public boolean tombstone() {
            return data == null;
        }
    }
}
