package org.doorstep.matching.messaging;

import java.time.Instant;

/** The seeker's feedback on a match and the partner's outcome of an application to it ({@code doorstep.feedback.v1}). */
sealed interface FeedbackEvent {

    String DISMISSED = "org.doorstep.match.dismissed.v1";
    String APPLIED = "org.doorstep.match.applied.v1";
    String OUTCOME = "org.doorstep.match.outcome.v1";

    record MatchDismissed(String matchId, String seekerId, String postingId, Instant at) implements FeedbackEvent {
    }

    record MatchApplied(String matchId, String seekerId, String postingId, Instant at) implements FeedbackEvent {
    }

    /** The partner reported what became of the application to the match (VIEWED ... HIRED, REJECTED). */
    record MatchOutcome(String matchId, String seekerId, String postingId, String outcome, Instant matchedAt,
                        Instant at) implements FeedbackEvent {
    }
}
