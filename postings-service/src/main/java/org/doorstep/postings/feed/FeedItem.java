package org.doorstep.postings.feed;

import java.time.Instant;

import org.doorstep.postings.posting.ClosedReason;

/**
 * One entry of the feed. {@code removed} is a tombstone: the posting left the feed (closed, expired, or changed so
 * that it no longer matches the reader's filter) and carries no content; otherwise {@code posting} is its whole
 * public state. {@code cursor} resumes the feed right after this item.
 */
public record FeedItem(String postingId, FeedChange change, long version, Instant at, boolean removed,
                       FeedPosting posting, String cursor) {

    /** The item a change makes for a reader with {@code filter}, or null when that reader has nothing to learn. */
    public static FeedItem of(FeedPosting p, FeedFilter filter, FeedCursor after) {
        boolean matches = filter.matches(p);
        if (!p.open()) {
            // closing keeps the content: a posting that did not match before its close was never in this reader's set
            return matches ? tombstone(p, p.closedReason() == ClosedReason.EXPIRED ? FeedChange.EXPIRED
                    : FeedChange.CLOSED, after) : null;
        }
        FeedChange change = p.version() == 1 ? FeedChange.CREATED : FeedChange.UPDATED;
        if (matches) {
            return new FeedItem(p.postingId(), change, p.version(), p.updatedAt(), false, p, after.encode());
        }
        // a new posting outside the filter was never seen; a changed one may have matched before
        return change == FeedChange.CREATED ? null : tombstone(p, change, after);
    }

    private static FeedItem tombstone(FeedPosting p, FeedChange change, FeedCursor after) {
        return new FeedItem(p.postingId(), change, p.version(), p.updatedAt(), true, null, after.encode());
    }
}
