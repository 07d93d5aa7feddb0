package org.doorstep.notifications.inbox;

import java.time.Instant;

/** One match in a seeker's inbox. */
public record InboxItem(MatchFound match, Instant receivedAt, Instant expiresAt, Delivery delivery,
                        Instant holdUntil, String feedback) {

    public String matchId() {
        return match.matchId();
    }

    public String seekerId() {
        return match.seekerId();
    }

    public InboxItem with(Delivery newDelivery, Instant newHoldUntil) {
        return new InboxItem(match, receivedAt, expiresAt, newDelivery, newHoldUntil, feedback);
    }

    public InboxItem with(MatchFound newer) {
        return new InboxItem(newer, receivedAt, expiresAt, delivery, holdUntil, feedback);
    }
}
