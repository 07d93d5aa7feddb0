package org.doorstep.matching.match;

import java.time.Instant;
import java.util.List;

/**
 * What its partner is told about a posting: the other open postings found to be the same job (by their postingId,
 * public in the postings feed; never another partner's id or externalId), empty once it is no longer one
 * ({@code posting.duplicates.v1}, keyed by postingId).
 */
public record SameJob(String postingId, String partnerId, List<String> sameJobAs, Instant at) {

    public static final String TYPE = "org.doorstep.posting.duplicates.v1";

    public SameJob {
        sameJobAs = List.copyOf(sameJobAs);
    }
}
