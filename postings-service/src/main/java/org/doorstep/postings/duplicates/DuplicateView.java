package org.doorstep.postings.duplicates;

import java.time.Instant;
import java.util.List;

/**
 * What a partner sees of one of its postings: the other open postings of the same job ({@code postingId} and title,
 * both public in the postings feed; never the other partner's ids), and when matching-service last said so.
 */
public record DuplicateView(String externalId, String postingId, List<Other> sameJobAs, Instant checkedAt) {

    public record Other(String postingId, String title) {
    }
}
