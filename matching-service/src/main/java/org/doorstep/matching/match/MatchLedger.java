package org.doorstep.matching.match;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The durable record of every pair matching has told anyone about. Every read and write reaches a
 * pair by its matchId (and revision), never by a search: the pairs of a posting or a seeker are found
 * through the listing the ledger keeps for each. A round of triggers (one posting, or every posting of a
 * poll) reads once or twice, writes its claims and withdrawals in one write before publishing, and confirms
 * them in one more write after, however many pairs it told.
 */
public interface MatchLedger {

    /**
     * For each posting, the entries of its pairs with the given seekers (those recorded, and as {@code ERASED}
     * those whose seeker was erased), plus every other pair recorded for the posting (a superset of its active
     * pairs). One read for all the postings, a second only for listed pairs outside the given ones.
     */
    default Map<String, List<LedgerEntry>> forPostings(Map<String, ? extends Collection<String>> seekersOfPostings) {
        return forPostings(seekersOfPostings, Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * {@link #forPostings(Map)}, unless that would hold more than {@code limit} pairs (the given ones and those the
     * postings' listings name): then empty, having read no more than the first read, so that the caller can ask for
     * fewer postings at a time. A posting told to many seekers over its life lists them all.
     */
    Optional<Map<String, List<LedgerEntry>>> forPostings(Map<String, ? extends Collection<String>> seekersOfPostings, int limit);

    /**
     * The postings recorded as the same job as each of these (by whichever instance found it, earlier or before a
     * restart), by posting: one keyed read. Lets a posting read again after a restart, before the other postings of
     * its job, know who was told of the job.
     */
    default Map<String, Set<String>> sameJobs(Collection<String> postingIds) {
        return Map.of();
    }

    /**
     * Records postings found to be the same job ({@code links}: posting to the others, added to what is recorded)
     * and forgets what was recorded for postings that closed: one write of keyed upserts and deletes.
     */
    default void recordSameJobs(Map<String, Set<String>> links, Collection<String> closed) {
    }

    default List<LedgerEntry> forPosting(String postingId, Collection<String> seekerIds) {
        return forPostings(Map.of(postingId, seekerIds)).getOrDefault(postingId, List.of());
    }

    /**
     * The entries of this seeker's pairs with {@code postingIds} (those recorded, and as {@code ERASED} those
     * forgotten on the seeker's erasure), plus the other pairs recorded for the seeker whose posting
     * {@code alsoRead} accepts (e.g. the postings held here).
     */
    List<LedgerEntry> forSeeker(String seekerId, Collection<String> postingIds, Predicate<String> alsoRead);

    /** The pair's entry; an erased seeker's pair comes back {@code ERASED}, with nothing of the seeker. */
    Optional<LedgerEntry> find(String matchId);

    /**
     * Opens a round and records, in one write: every claim that still holds (a pair not recorded yet for expected
     * revision 0, else the pair still at its expected revision), every withdrawal of a pair still at the revision
     * read, and the re-told entries (published again at their revision) as this round's. Until the round is
     * settled, all of them read back unpublished, withdrawals included, so a trigger that finds them tells them
     * again with the same event ids. A claim someone else got to first is left out of {@link Claimed#matchIds()},
     * and its event must not be published.
     */
    Claimed claim(List<Claim> claims, List<Withdrawal> withdrawals, List<LedgerEntry> retold);

    /** After the broker accepted every event of the round: confirms them all, in one write. */
    void settle(Claimed round);

    /**
     * The key groups the seeker consents to now, on pairs told before whose telling does not change (matchId to
     * groups): counted by what the seeker allows today, not by what they allowed then. One write by {@code _id}.
     */
    void regroup(Map<String, List<String>> keyGroups);

    /**
     * The seeker dismissed the pair: it never comes back (recorded even if it was never matched here).
     * Moves the pair's revision on, so that a claim or withdrawal made at the revision read before fails.
     */
    void dismiss(String matchId, String seekerId, String postingId, Instant at);

    /**
     * The seeker was erased: each of these pairs of theirs (already withdrawn where it was active) is replaced
     * by an anonymous tombstone ({@link MatchId#anonymous}: no seeker id, key groups, region or score), and the
     * seeker leaves the listings of those postings. The seeker's own listing goes once no pair of theirs is
     * left in it (with several instances, each forgets the pairs of the postings it holds).
     */
    void forget(String seekerId, Collection<LedgerEntry> pairs);

    /** Active matches counted by campaign, key group and region. */
    Map<String, Map<String, Long>> activeCounts();

    /** A pair's next entry, to be recorded if the pair is still at {@code expectedRevision} (0: not recorded yet). */
    record Claim(LedgerEntry next, int expectedRevision) {
    }

    /** A pair withdrawn at the revision it was read at, for this reason. */
    record Withdrawal(LedgerEntry entry, WithdrawalReason reason, Instant at) {
    }

    /** An open round: its number (the ledger's own), and the matchIds of the claims that held. */
    record Claimed(long round, Set<String> matchIds) {
    }
}
