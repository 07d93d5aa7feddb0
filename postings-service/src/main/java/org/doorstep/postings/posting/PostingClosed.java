package org.doorstep.postings.posting;

public record PostingClosed(Posting posting) implements PostingEvent {
}
