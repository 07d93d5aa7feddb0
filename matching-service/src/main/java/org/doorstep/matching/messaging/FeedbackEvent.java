package org.doorstep.matching.messaging;

import java.time.Instant;

/** The seeker's feedback on a match ({@code doorstep.feedback.v1}). */
sealed interface FeedbackEvent {

    String DISMISSED = "org.doorstep.match.dismissed.v1";
    String APPLIED = "org.doorstep.match.applied.v1";

    record MatchDismissed(String matchId, String seekerId, String postingId, Instant at) implements FeedbackEvent {
    }

    record MatchApplied(String matchId, String seekerId, String postingId, Instant at) implements FeedbackEvent {
    }
}
