package org.doorstep.matching.match;

import java.time.Instant;
import java.util.List;

/**
 * What was told about a pair: its latest revision and score, whether that revision's event went
 * out, and the pair's status. The ledger makes "never twice" hold across restarts and instances.
 */
public record LedgerEntry(
        String matchId,
        String seekerId,
        String postingId,
        String partnerId,
        int revision,
        double score,
        Status status,
        boolean published,
        List<String> campaignCodes,
        List<String> keyGroups,
        String regionCode,
        Instant updatedAt) {

    public enum Status { ACTIVE, WITHDRAWN, DISMISSED }
}
