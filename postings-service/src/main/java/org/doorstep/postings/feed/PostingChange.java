package org.doorstep.postings.feed;

/** One record of the postings topic: the posting's state after a change, at its place in the log. */
public record PostingChange(int partition, long offset, FeedPosting posting) {
}
