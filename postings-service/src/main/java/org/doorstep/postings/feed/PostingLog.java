package org.doorstep.postings.feed;

import java.time.Duration;
import java.util.List;

/**
 * The port to the log of posting changes (the compacted, postingId-keyed postings topic): every posting's latest
 * state survives compaction, so reading it from the start gives a snapshot and reading on gives the changes.
 */
public interface PostingLog {

    /**
     * Up to {@code max} changes after {@code from}, in log order per partition, waiting up to {@code wait} for the
     * first when there is none yet; the cursor after what was read (at the log's end when nothing is left).
     */
    Batch read(FeedCursor from, int max, Duration wait);

    /** {@code atEnd}: {@code next} is at the end of the log as it was when the read began. */
    record Batch(List<PostingChange> changes, FeedCursor next, boolean atEnd) {
    }
}
