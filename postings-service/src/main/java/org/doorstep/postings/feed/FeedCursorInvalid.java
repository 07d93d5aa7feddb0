package org.doorstep.postings.feed;

/** A cursor this feed did not hand out. */
public class FeedCursorInvalid extends RuntimeException {

    public FeedCursorInvalid() {
        super("must be a nextCursor (or an event id) this feed returned");
    }
}
