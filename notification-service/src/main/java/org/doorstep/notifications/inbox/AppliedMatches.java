package org.doorstep.notifications.inbox;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * Which of these matches the seeker has applied to (an application not withdrawn). An inbox item says {@code APPLIED}
 * itself, but a match withdrawn and found again (a posting closed and reopened, a profile changed back) comes back as
 * a new item without it; the application is what remembers. Implemented by the application feature; keyed reads.
 */
public interface AppliedMatches {

    /** The feedback an item of an applied match shows. */
    String FEEDBACK = "APPLIED";

    Mono<Set<String>> among(Collection<String> matchIds);

    /** The items, those without feedback whose match the seeker applied to marked {@link #FEEDBACK} (one read, if any). */
    default Mono<List<InboxItem>> marked(List<InboxItem> items) {
        List<String> unmarked = items.stream().filter(item -> item.feedback() == null).map(InboxItem::matchId).toList();
        if (unmarked.isEmpty()) {
            return Mono.just(items);
        }
        return among(unmarked).map(open -> open.isEmpty() ? items : items.stream()
                .map(item -> item.feedback() == null && open.contains(item.matchId()) ? item.withFeedback(FEEDBACK) : item)
                .toList());
    }
}
