package org.doorstep.matching.match;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A hire reported by the posting's partner, counted once per match ({@code matchRef}: a one-way hash of the matchId,
 * never the id itself, which holds the seeker's): the pair's key groups (only those the seeker consented to), region
 * and campaigns as the ledger recorded them, the time from the match to the hire and from the posting's first
 * publication to the hire, each when it is known.
 */
public record Placement(String matchRef, List<String> keyGroups, String regionCode, List<String> campaignCodes,
                        Duration timeToHire, Duration timeFromPosting) {

    public Placement {
        keyGroups = List.copyOf(keyGroups == null ? List.of() : keyGroups);
        campaignCodes = List.copyOf(campaignCodes == null ? List.of() : campaignCodes);
    }

    static Placement of(LedgerEntry pair, Instant matchedAt, Instant hiredAt) {
        Duration time = matchedAt == null || hiredAt == null || hiredAt.isBefore(matchedAt) ? null
                : Duration.between(matchedAt, hiredAt);
        Instant postedAt = pair.subject() == null ? null : pair.subject().postedAt();
        Duration fromPosting = postedAt == null || hiredAt == null || hiredAt.isBefore(postedAt) ? null
                : Duration.between(postedAt, hiredAt);
        return new Placement(OneWayHash.of(pair.matchId()), pair.keyGroups(), pair.regionCode(), pair.campaignCodes(), time,
                fromPosting);
    }
}
