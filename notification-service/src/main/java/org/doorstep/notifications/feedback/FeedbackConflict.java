package org.doorstep.notifications.feedback;

/**
 * Feedback that contradicts what the seeker said of the match before (409 {@code match-applied} or
 * {@code match-dismissed}): a dismissed match is hidden and matching never proposes the pair again, so it cannot be
 * applied to; an applied one is dismissed only once the application is withdrawn.
 */
public class FeedbackConflict extends RuntimeException {

    private final String slug;
    private final String title;

    private FeedbackConflict(String slug, String title, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
    }

    public static FeedbackConflict applied(String matchId) {
        return new FeedbackConflict("match-applied", "Match applied to", "You applied to match " + matchId
                + "; withdraw the application (DELETE /api/v1/me/applications/{applicationId}) before dismissing it.");
    }

    public static FeedbackConflict dismissed(String matchId) {
        return new FeedbackConflict("match-dismissed", "Match dismissed", "You dismissed match " + matchId + "; it cannot be applied to.");
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
