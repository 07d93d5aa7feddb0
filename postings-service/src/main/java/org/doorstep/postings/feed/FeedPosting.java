package org.doorstep.postings.feed;

import java.time.Instant;

import org.doorstep.postings.posting.ClosedReason;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.PostingStatus;

/**
 * What the feed shows of a posting: the public job, read from the posting's event; its content is written in line,
 * as the event has it ({@code FeedPostingJson}). The partner's own fields ({@code partnerId}, {@code externalId})
 * have no place here, so they cannot leak into the feed.
 */
public record FeedPosting(
        String postingId,
        long version,
        PostingStatus status,
        PostingContent content,
        Instant updatedAt,
        ClosedReason closedReason) {

    public boolean open() {
        return status == PostingStatus.OPEN;
    }
}
