package org.doorstep.notifications.delivery;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

/**
 * What follows a posting's closing and reopening besides its matches: the seekers' applications to it say whether it
 * is closed. Given, in record order, every {@code POSTING_CLOSED} withdrawal of a batch and every match told at a
 * revision after the first (found again or re-told: its posting is open), whatever the inbox held; idempotent (a
 * redelivered batch gives them again).
 */
public interface PostingClosures {

    String REASON = "POSTING_CLOSED";

    /** The match's posting closed at {@code closedAt} (the withdrawal's time), or is open again ({@code closedAt} null). */
    record Change(String matchId, Instant closedAt) {
    }

    Mono<Void> changed(List<Change> changes);
}
