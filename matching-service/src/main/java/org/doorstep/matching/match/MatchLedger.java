package org.doorstep.matching.match;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The durable record of every pair matching has told anyone about. */
public interface MatchLedger {

    List<LedgerEntry> forPosting(String postingId);

    List<LedgerEntry> forSeeker(String seekerId);

    Optional<LedgerEntry> find(String matchId);

    /**
     * Records {@code next} if the pair is still at {@code expectedRevision} (0: not recorded yet).
     * False when someone else got there first: then the caller does not publish.
     */
    boolean claim(LedgerEntry next, int expectedRevision);

    /**
     * {@link #claim} with expected revision 0 for many pairs at once: records each entry whose pair is
     * not recorded yet. Returns the matchIds this call recorded; a pair recorded before is left out.
     */
    Set<String> claimNew(List<LedgerEntry> entries);

    /** The events of these pairs (matchId to revision) were accepted by the broker. */
    void markPublished(Map<String, Integer> revisions);

    /** ACTIVE to WITHDRAWN; false if it was not active. */
    boolean withdraw(String matchId, Instant at);

    /** The seeker dismissed the pair: it never comes back (recorded even if it was never matched here). */
    void dismiss(String matchId, String seekerId, String postingId, Instant at);

    /** Active matches counted by campaign, key group and region. */
    Map<String, Map<String, Long>> activeCounts();
}
