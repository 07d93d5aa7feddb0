package org.doorstep.notifications.application;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.delivery.PostingClosures;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A posting closed (its matches were withdrawn as {@code POSTING_CLOSED}) or reopened (a match of it found again): the
 * applications to it note when it closed, or that it is open, so the seeker sees it on the application instead of a
 * status that waits forever. Keyed by the application id each match has; a match nobody applied to costs one no-op
 * update in the batch's bulk write. The last change of a match in a batch is what is written.
 */
@Component
class ClosedPostingApplications implements PostingClosures {

    private final ApplicationStore applications;
    private final Clock clock;

    ClosedPostingApplications(ApplicationStore applications, Clock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    @Override
    public Mono<Void> changed(List<Change> changes) {
        Map<String, Instant> closedAt = new LinkedHashMap<>();
        for (Change change : changes) {
            String applicationId = Application.idFor(change.matchId());
            closedAt.remove(applicationId);
            closedAt.put(applicationId, change.closedAt() == null ? null : at(change.closedAt()));
        }
        return applications.postingsClosed(closedAt);
    }

    /** When matching withdrew the match (the same on a redelivery), else now. */
    private Instant at(String withdrawnAt) {
        try {
            return Instant.parse(withdrawnAt);
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
