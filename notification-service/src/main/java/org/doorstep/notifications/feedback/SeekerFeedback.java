package org.doorstep.notifications.feedback;

/**
 * What a seeker said about a match, published on {@code doorstep.feedback.v1} (key matchId; the topic is compacted
 * as well as deleted after 30 days, so the erasure's tombstone of each match takes the seeker's feedback with it).
 */
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
