package org.doorstep.notifications.inbox.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;

/**
 * The store's copies of the feed events a broadcast batch claims, in the order the batch claimed them: the
 * claimed keys read where events are stored ({@link Feed#stored}: two keyed reads for the whole batch, whatever
 * the number of seekers). An event the store does not hold is left out.
 */
final class StoredFeedEvents {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private StoredFeedEvents() {
    }

    static List<FeedEvent> of(Feed feed, List<FeedEvent> claimed) {
        Map<FeedEvent.Key, FeedEvent> stored = feed.stored(claimed.stream().map(FeedEvent::key).toList()).block(READ_TIMEOUT);
        if (stored == null) {
            return List.of();
        }
        return claimed.stream().map(event -> stored.get(event.key())).filter(Objects::nonNull).distinct().toList();
    }
}
