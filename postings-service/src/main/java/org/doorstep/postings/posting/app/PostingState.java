package org.doorstep.postings.posting.app;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.doorstep.postings.posting.ClosedReason;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.PostingStatus;

/**
 * The full state of a posting as it goes on the wire: the data of {@code posting.upserted.v1} /
 * {@code posting.closed.v1} (closedReason only once closed) and the REST resource. The partner's
 * content is written in line with the posting's own fields (one flat object, as the contract shows); {@code createdAt}
 * is when the partner first published it (matching measures the time from posting to hire from it).
 */
public record PostingState(
        String postingId,
        String partnerId,
        String externalId,
        long version,
        PostingStatus status,
        @JsonUnwrapped PostingContent content,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) ClosedReason closedReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant createdAt) {

    public static PostingState of(Posting p) {
        return new PostingState(p.postingId(), p.partnerId(), p.externalId(), p.version(), p.status(), p.content(),
                p.updatedAt(), p.closedReason(), p.createdAt());
    }
}
