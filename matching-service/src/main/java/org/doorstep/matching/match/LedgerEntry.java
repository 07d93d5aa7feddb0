package org.doorstep.matching.match;

import java.time.Instant;
import java.util.List;

/**
 * What was told about a pair: its latest revision and score, whether that revision's event went
 * out ({@code published}: for a withdrawn pair, whether the withdrawal went out), and the pair's status,
 * with the reason when withdrawn. The ledger makes "never twice" hold across restarts and instances.
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
        Instant updatedAt,
        WithdrawalReason withdrawalReason,
        Subject subject) {

    /** An entry with nothing kept of what the pair was about. */
    public LedgerEntry(String matchId, String seekerId, String postingId, String partnerId, int revision, double score,
                       Status status, boolean published, List<String> campaignCodes, List<String> keyGroups,
                       String regionCode, Instant updatedAt, WithdrawalReason withdrawalReason) {
        this(matchId, seekerId, postingId, partnerId, revision, score, status, published, campaignCodes, keyGroups,
                regionCode, updatedAt, withdrawalReason, null);
    }

    /**
     * What the pair was about, kept so that the seeker's feedback on it can be learned from on any instance (and
     * forgotten with the pair on erasure): the posting's occupation (ISCO unit group, 0 unknown) and employer (as
     * compared, null when not named), when the posting was first published (null when not known), and the seeker's
     * occupations (ISCO unit groups) with their confidences; and {@code shown}, a fingerprint of the posting as the
     * revision told showed it ({@link MatchFound#shown}), so that a posting edited since is told again.
     */
    public record Subject(int isco, String employer, Instant postedAt, int[] seekerOccupations,
                          float[] seekerOccupationWeights, int shown) {

        /** A subject of an entry recorded before entries kept what the seeker was shown (0: not known). */
        public Subject(int isco, String employer, Instant postedAt, int[] seekerOccupations, float[] seekerOccupationWeights) {
            this(isco, employer, postedAt, seekerOccupations, seekerOccupationWeights, 0);
        }
    }

    /** An entry that was never withdrawn. */
    public LedgerEntry(String matchId, String seekerId, String postingId, String partnerId, int revision, double score,
                       Status status, boolean published, List<String> campaignCodes, List<String> keyGroups,
                       String regionCode, Instant updatedAt) {
        this(matchId, seekerId, postingId, partnerId, revision, score, status, published, campaignCodes, keyGroups,
                regionCode, updatedAt, null);
    }

    /**
     * ERASED: the seeker was erased; the ledger keeps only an anonymous tombstone of the pair, and the pair is
     * never told again.
     */
    public enum Status { ACTIVE, WITHDRAWN, DISMISSED, ERASED }

    /** A pair whose seeker was erased, as the caller who asked for it knows it (the ledger stores none of this). */
    public static LedgerEntry erased(String matchId, String seekerId, String postingId) {
        return new LedgerEntry(matchId, seekerId, postingId, null, 0, 0, Status.ERASED, true, List.of(), List.of(),
                null, Instant.EPOCH);
    }
}
