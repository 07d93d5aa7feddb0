package org.doorstep.postings.feed;

import java.util.List;

/** A page of the feed; {@code nextCursor} continues it, {@code caughtUp} says the page reached the log's end. */
public record FeedPage(List<FeedItem> items, String nextCursor, boolean caughtUp) {
}
