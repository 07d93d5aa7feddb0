package org.doorstep.notifications.inbox;

import java.time.Instant;

import org.doorstep.notifications.match.MatchFound;

/**
 * One match in a seeker's inbox. {@code feedSequence} is set once the match was pushed live: the item then
 * is the stored form of the seeker's {@code match.found} feed event with that sequence (replayed from it),
 * so the match is stored once, not again in a feed entry.
 */
public record InboxItem(MatchFound match, Instant receivedAt, Instant expiresAt, Delivery delivery,
                        Instant holdUntil, String feedback, Long feedSequence) {

    public InboxItem(MatchFound match, Instant receivedAt, Instant expiresAt, Delivery delivery, Instant holdUntil,
                     String feedback) {
        this(match, receivedAt, expiresAt, delivery, holdUntil, feedback, null);
    }

    public String matchId() {
        return match.matchId();
    }

    public String seekerId() {
        return match.seekerId();
    }

    public InboxItem with(Delivery newDelivery, Instant newHoldUntil) {
        return new InboxItem(match, receivedAt, expiresAt, newDelivery, newHoldUntil, feedback, feedSequence);
    }

    public InboxItem withFeedback(String newFeedback) {
        return new InboxItem(match, receivedAt, expiresAt, delivery, holdUntil, newFeedback, feedSequence);
    }

    public InboxItem with(MatchFound newer) {
        return new InboxItem(newer, receivedAt, expiresAt, delivery, holdUntil, feedback, feedSequence);
    }

    /** The item as the carrier of the seeker's match.found feed event {@code sequence}. */
    public InboxItem carrying(long sequence) {
        return new InboxItem(match, receivedAt, expiresAt, delivery, holdUntil, feedback, sequence);
    }

    /** Whether the item carries the feed event {@code sequence}. */
    public boolean carries(Long sequence) {
        return sequence != null && feedSequence != null && feedSequence.longValue() == sequence.longValue();
    }
}
