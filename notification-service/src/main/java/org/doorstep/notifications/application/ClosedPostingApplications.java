package org.doorstep.notifications.application;

import java.time.Instant;
import java.util.HashMap;
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

    ClosedPostingApplications(ApplicationStore applications) {
        this.applications = applications;
    }

    @Override
    public Mono<Void> changed(List<Change> changes) {
        Map<String, Instant> closedAt = new HashMap<>();
        changes.forEach(change -> closedAt.put(Application.idFor(change.matchId()), change.closedAt()));
        return applications.postingsClosed(closedAt);
    }
}
