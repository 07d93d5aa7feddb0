package org.doorstep.notifications.inbox.web;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import org.doorstep.notifications.problem.InvalidRequest;
import org.doorstep.notifications.inbox.AppliedMatches;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxProperties;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.match.MatchFound;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class InboxController {

    private final InboxStore inbox;
    private final AppliedMatches applied;
    private final InboxProperties settings;
    private final Clock clock;

    InboxController(InboxStore inbox, AppliedMatches applied, InboxProperties settings, Clock clock) {
        this.inbox = inbox;
        this.applied = applied;
        this.settings = settings;
        this.clock = clock;
    }

    /** The seeker's inbox, newest first; pass {@code nextCursor} back as {@code cursor} for the next page. */
    @GetMapping(path = "/api/v1/me/matches", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InboxPageView> page(Principal seeker, @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) Integer limit) {
        int size = limit == null ? settings.pageSize() : limit;
        if (size < 1 || size > 100) {
            return Mono.error(new InvalidRequest("limit", "must be between 1 and 100"));
        }
        // a match withdrawn and found again comes back as a new item: the application is what remembers the apply
        return inbox.page(seeker.getName(), cursor, size, clock.instant())
                .flatMap(page -> applied.marked(page.items()).map(items -> new InboxPageView(
                        items.stream().map(InboxItemView::of).toList(), page.nextCursor())));
    }

    record InboxPageView(List<InboxItemView> items, String nextCursor) {
    }

    record InboxItemView(String matchId, String postingId, int revision, double score, List<MatchFound.Reason> reasons,
                         MatchFound.PostingSummary posting, List<String> campaignCodes, String matchedAt,
                         String receivedAt, String expiresAt, String feedback) {

        static InboxItemView of(InboxItem item) {
            MatchFound m = item.match();
            return new InboxItemView(m.matchId(), m.postingId(), m.revision(), m.score(), m.reasons(), m.posting(),
                    m.campaignCodes(), m.matchedAt(), item.receivedAt().toString(), item.expiresAt().toString(),
                    item.feedback());
        }
    }
}
