package org.doorstep.notifications.inbox.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;

/**
 * The store's copies of the feed events a broadcast batch claims: per seeker, the stored events from the
 * lowest claimed number on ({@link Feed#after}, the read a reconnect makes), kept if claimed; in the order
 * the batch claimed them. An event the store does not hold is left out.
 */
final class StoredFeedEvents {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private StoredFeedEvents() {
    }

    static List<FeedEvent> of(Feed feed, List<FeedEvent> claimed) {
        Map<String, Set<Long>> bySeeker = claimed.stream().collect(Collectors.groupingBy(FeedEvent::seekerId,
                LinkedHashMap::new, Collectors.mapping(FeedEvent::sequence, Collectors.toSet())));
        Map<FeedEvent.Key, FeedEvent> stored = new HashMap<>();
        bySeeker.forEach((seekerId, sequences) -> {
            long lowest = sequences.stream().mapToLong(Long::longValue).min().orElseThrow();
            List<FeedEvent> held = feed.after(seekerId, lowest - 1).filter(event -> sequences.contains(event.sequence()))
                    .collectList().block(READ_TIMEOUT);
            (held == null ? List.<FeedEvent>of() : held).forEach(event -> stored.put(event.key(), event));
        });
        return claimed.stream().map(event -> stored.get(event.key())).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
