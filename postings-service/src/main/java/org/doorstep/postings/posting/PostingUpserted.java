package org.doorstep.postings.posting;

public record PostingUpserted(Posting posting) implements PostingEvent {
}
