package org.doorstep.notifications.feedback;

/** What a seeker said about a match, published on {@code doorstep.feedback.v1} (key seekerId). */
public sealed interface SeekerFeedback permits SeekerFeedback.MatchDismissed, SeekerFeedback.MatchApplied {

    String matchId();

    String seekerId();

    String postingId();

    String at();

    /** The CloudEvents type. */
    String type();

    record MatchDismissed(String matchId, String seekerId, String postingId, String at) implements SeekerFeedback {
        public static final String TYPE = "org.doorstep.match.dismissed.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    record MatchApplied(String matchId, String seekerId, String postingId, String at) implements SeekerFeedback {
        public static final String TYPE = "org.doorstep.match.applied.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
