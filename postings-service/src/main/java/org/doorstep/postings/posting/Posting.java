package org.doorstep.postings.posting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job posting of one partner, identified by the partner's own {@code externalId}. Every change
 * increments {@code version}; the aggregate decides which events a change causes.
 */
public record Posting(
        String postingId,
        String partnerId,
        String externalId,
        long version,
        PostingStatus status,
        PostingContent content,
        Instant createdAt,
        Instant updatedAt,
        ClosedReason closedReason) {

    public Posting {
        Objects.requireNonNull(postingId);
        Objects.requireNonNull(partnerId);
        Objects.requireNonNull(externalId);
        Objects.requireNonNull(status);
        Objects.requireNonNull(content);
    }

    public static Revision create(String postingId, String partnerId, String externalId, PostingContent content,
                                  Instant now) {
        Posting posting = new Posting(postingId, partnerId, externalId, 1, PostingStatus.OPEN, content, now, now, null);
        return new Revision(posting, List.of(new PostingUpserted(posting)));
    }

    /** Applies a partner's new content; the same content on an open posting changes nothing. A closed posting reopens. */
    public Revision revise(PostingContent newContent, Instant now) {
        if (status == PostingStatus.OPEN && content.equals(newContent)) {
            return new Revision(this, List.of());
        }
        Posting next = new Posting(postingId, partnerId, externalId, version + 1, PostingStatus.OPEN, newContent,
                createdAt, now, null);
        return new Revision(next, List.of(new PostingUpserted(next)));
    }

    /** Closes an open posting; closing a closed posting changes nothing. */
    public Revision close(ClosedReason reason, Instant now) {
        if (status == PostingStatus.CLOSED) {
            return new Revision(this, List.of());
        }
        Posting next = new Posting(postingId, partnerId, externalId, version + 1, PostingStatus.CLOSED, content,
                createdAt, now, reason);
        return new Revision(next, List.of(new PostingClosed(next)));
    }

    /**
     * Reopens a posting its partner's suspension closed, unless its validThrough has passed meanwhile; anything else
     * is unchanged.
     */
    public Revision reopenAfterSuspension(Instant now) {
        if (status != PostingStatus.CLOSED || closedReason != ClosedReason.SUSPENDED
                || content.validThrough().isBefore(now)) {
            return new Revision(this, List.of());
        }
        Posting next = new Posting(postingId, partnerId, externalId, version + 1, PostingStatus.OPEN, content,
                createdAt, now, null);
        return new Revision(next, List.of(new PostingUpserted(next)));
    }

    public boolean expiredAt(Instant now) {
        return status == PostingStatus.OPEN && content.validThrough().isBefore(now);
    }
}
