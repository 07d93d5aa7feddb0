package org.doorstep.postings.posting;

/** What happened to a posting; each event carries the posting's full state after it. */
public sealed interface PostingEvent permits PostingUpserted, PostingClosed {

    Posting posting();
}
