package org.doorstep.notifications.application;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.delivery.PostingClosures;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A posting closed (its matches were withdrawn as {@code POSTING_CLOSED}): the applications to it note when, so the
 * seeker sees it on the application instead of a status that waits forever. Keyed by the application id each match
 * has; a match nobody applied to costs one no-op update in the batch's bulk write.
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
    public Mono<Void> closed(List<MatchWithdrawn> withdrawals) {
        Map<String, Instant> closedAt = new LinkedHashMap<>();
        for (MatchWithdrawn withdrawal : withdrawals) {
            closedAt.put(Application.idFor(withdrawal.matchId()), at(withdrawal));
        }
        return applications.postingsClosed(closedAt);
    }

    /** When matching withdrew the match (the same on a redelivery), else now. */
    private Instant at(MatchWithdrawn withdrawal) {
        try {
            return withdrawal.withdrawnAt() == null ? clock.instant() : Instant.parse(withdrawal.withdrawnAt());
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }
}
