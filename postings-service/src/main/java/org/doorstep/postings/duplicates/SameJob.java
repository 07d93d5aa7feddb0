package org.doorstep.postings.duplicates;

import java.time.Instant;
import java.util.List;

/**
 * What matching-service found of a posting: the other open postings that are the same job (published by other
 * partners), by postingId; empty when none ({@code posting.duplicates.v1}).
 */
public record SameJob(String postingId, String partnerId, List<String> sameJobAs, Instant at) {

    public SameJob {
        sameJobAs = sameJobAs == null ? List.of() : List.copyOf(sameJobAs);
    }
}
