package org.doorstep.matching.messaging;

/** Events of the posting aggregate as matching reads them from {@code doorstep.postings.v1}. */
sealed interface PostingEvent {

    String TOPIC = "doorstep.postings.v1";
    String UPSERTED = "org.doorstep.posting.upserted.v1";
    String CLOSED = "org.doorstep.posting.closed.v1";

    PostingState state();

    record PostingUpserted(PostingState state) implements PostingEvent {
    }

    record PostingClosed(PostingState state) implements PostingEvent {
    }
}
