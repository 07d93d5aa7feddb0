package org.doorstep.matching.match;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.doorstep.matching.index.PostingIndex;
import org.doorstep.matching.index.Ranked;
import org.doorstep.matching.index.Retrieved;
import org.doorstep.matching.index.SeekerIndex;
import org.doorstep.matching.scoring.Assessment;
import org.doorstep.matching.scoring.KeyGroup;
import org.doorstep.matching.scoring.Masks;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Veto;

/**
 * Matching both ways and deciding what to tell. A changed posting is matched against the seekers,
 * a changed profile against this instance's open postings; the top K above the threshold are
 * emitted unless the ledger says they were told already (re-emitted with revision + 1 only when the
 * score moved by at least {@code materialChange}, never when dismissed). Matches that no longer hold
 * are withdrawn. Changes are applied one at a time (the indexes have a single writer); stale or
 * repeated events change nothing.
 */
public final class MatchEngine {

    private final SeekerIndex seekers;
    private final PostingIndex postings;
    private final MatchScorer scorer;
    private final MatchingPolicy policy;
    private final MatchLedger ledger;
    private final MatchPublisher publisher;
    private final Clock clock;
    private final Map<String, Long> closedPostings = new ConcurrentHashMap<>();
    private final ErasedSeekers erasedSeekers = new ErasedSeekers();
    private final Map<String, Integer> shardOfPosting = new HashMap<>();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong withdrawn = new AtomicLong();

    public MatchEngine(SeekerIndex seekers, PostingIndex postings, MatchScorer scorer, MatchLedger ledger,
                       MatchPublisher publisher, Clock clock) {
        this.seekers = seekers;
        this.postings = postings;
        this.scorer = scorer;
        this.policy = scorer.policy();
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A posting was created or changed, from the given shard (partition) of the postings this instance owns. */
    public synchronized void postingChanged(Posting posting, int shard) {
        shardOfPosting.put(posting.id(), shard);
        postingChanged(posting);
    }

    /**
     * This instance no longer owns these shards: their postings leave the index (their matches stay;
     * the new owner judges them from now on).
     */
    public synchronized void releaseShards(java.util.Collection<Integer> shards) {
        List<String> released = new ArrayList<>();
        shardOfPosting.forEach((postingId, shard) -> {
            if (shards.contains(shard)) {
                released.add(postingId);
            }
        });
        for (String postingId : released) {
            shardOfPosting.remove(postingId);
            postings.remove(postingId);
        }
    }

    /** A posting was created or changed (or arrived closed or expired). */
    public synchronized void postingChanged(Posting posting) {
        Long closedAt = closedPostings.get(posting.id());
        if (closedAt != null && closedAt >= posting.version()) {
            return;
        }
        Posting previous = postings.get(posting.id());
        if (previous != null && previous.version() > posting.version()) {
            return;
        }
        Instant now = clock.instant();
        if (!posting.open() || (posting.validThrough() != null && posting.validThrough().isBefore(now))) {
            postingClosed(posting.id(), posting.version());
            return;
        }
        postings.upsert(posting);
        Retrieved<Seeker> retrieved = seekers.match(posting, scorer, policy.topK(), now);
        Set<String> candidates = new HashSet<>();
        for (Ranked<Seeker> ranked : retrieved.ranked()) {
            candidates.add(ranked.item().id());
        }
        Map<String, LedgerEntry> known = bySeeker(ledger.forPosting(posting.id(), candidates));
        Round round = new Round(now);
        for (LedgerEntry entry : known.values()) {
            if (entry.status() == LedgerEntry.Status.ACTIVE && !candidates.contains(entry.seekerId())) {
                Seeker seeker = seekers.get(entry.seekerId());
                if (seeker == null && erasedSeekers.contains(entry.seekerId())) {
                    // erased while this posting was not held here (a rebalance): its erasure passed it by
                    round.withdraw(entry, WithdrawalReason.SEEKER_ERASED);
                } else if (seeker != null && scorer.score(posting, seeker, now) < policy.threshold()) {
                    round.withdraw(entry, WithdrawalReason.POSTING_CHANGED);
                }
            }
        }
        for (Ranked<Seeker> ranked : retrieved.ranked()) {
            if (ranked.score() >= policy.threshold()) {
                round.tell(decide(posting, ranked.item(), known.get(ranked.item().id()), Trigger.POSTING, now));
            }
        }
        finish(round);
        forgetErased(known.values(), candidates);
    }

    /** A posting closed: it leaves the index and its matches are withdrawn. */
    public synchronized void postingClosed(String postingId, long version) {
        closedPostings.merge(postingId, version, Math::max);
        postings.remove(postingId);
        shardOfPosting.remove(postingId);
        Round round = new Round(clock.instant());
        List<LedgerEntry> entries = ledger.forPosting(postingId, Set.of());
        for (LedgerEntry entry : entries) {
            if (entry.status() == LedgerEntry.Status.ACTIVE) {
                round.withdraw(entry, WithdrawalReason.POSTING_CLOSED);
            }
        }
        finish(round);
        forgetErased(entries, Set.of());
    }

    /** A profile was created or changed. */
    public synchronized void seekerChanged(Seeker seeker) {
        if (erasedSeekers.contains(seeker.id())) {
            return;
        }
        Seeker previous = seekers.get(seeker.id());
        if (previous != null && previous.version() > seeker.version()) {
            return;
        }
        seekers.upsert(seeker);
        Instant now = clock.instant();
        Retrieved<Posting> retrieved = postings.match(seeker, scorer, policy.topK(), now);
        Set<String> candidates = new HashSet<>();
        for (Ranked<Posting> ranked : retrieved.ranked()) {
            candidates.add(ranked.item().id());
        }
        // postings of other instances' partitions are theirs to judge: only the ones held here are read
        Map<String, LedgerEntry> known = byPosting(ledger.forSeeker(seeker.id(), candidates, this::holds));
        Round round = new Round(now);
        for (LedgerEntry entry : known.values()) {
            if (entry.status() == LedgerEntry.Status.ACTIVE && !candidates.contains(entry.postingId())) {
                Posting posting = postings.get(entry.postingId());
                if (posting != null && scorer.score(posting, seeker, now) < policy.threshold()) {
                    round.withdraw(entry, WithdrawalReason.PROFILE_CHANGED);
                }
            }
        }
        for (Ranked<Posting> ranked : retrieved.ranked()) {
            if (ranked.score() >= policy.threshold()) {
                round.tell(decide(ranked.item(), seeker, known.get(ranked.item().id()), Trigger.SEEKER, now));
            }
        }
        finish(round);
    }

    /**
     * The seeker erased themselves: gone from the index, their matches on this instance's postings withdrawn,
     * then forgotten by the ledger (an anonymous tombstone per pair), together with their pairs on postings
     * no longer active (closed, dismissed, withdrawn), whoever holds those. An active pair on a posting
     * another instance holds is that instance's to withdraw and forget (it reads this erasure too).
     */
    public synchronized void seekerErased(String seekerId) {
        erasedSeekers.add(seekerId);
        seekers.remove(seekerId);
        Round round = new Round(clock.instant());
        List<LedgerEntry> forget = new ArrayList<>();
        for (LedgerEntry entry : ledger.forSeeker(seekerId, Set.of(), postingId -> true)) {
            boolean held = holds(entry.postingId());
            if (entry.status() == LedgerEntry.Status.ACTIVE && held) {
                round.withdraw(entry, WithdrawalReason.SEEKER_ERASED);
            }
            if (held || entry.status() != LedgerEntry.Status.ACTIVE) {
                forget.add(entry);
            }
        }
        finish(round);
        ledger.forget(seekerId, forget);
    }

    /**
     * Pairs of erased seekers that a posting's trigger came across (its posting was held elsewhere, or by
     * no one, when the seeker was erased): withdrawn by now, forgotten here. {@code candidates} are in the
     * index, hence not erased.
     */
    private void forgetErased(java.util.Collection<LedgerEntry> entries, Set<String> candidates) {
        Map<String, List<LedgerEntry>> bySeeker = new HashMap<>();
        for (LedgerEntry entry : entries) {
            String seekerId = entry.seekerId();
            if (entry.status() != LedgerEntry.Status.ERASED && !candidates.contains(seekerId)
                    && seekers.get(seekerId) == null && erasedSeekers.contains(seekerId)) {
                bySeeker.computeIfAbsent(seekerId, k -> new ArrayList<>()).add(entry);
            }
        }
        bySeeker.forEach(ledger::forget);
    }

    private boolean holds(String postingId) {
        return postings.get(postingId) != null;
    }

    /** The seeker dismissed a match: the pair never comes back (nothing to record once the seeker is erased). */
    public void dismissed(String seekerId, String postingId, Instant at) {
        String matchId = MatchId.of(postingId, seekerId);
        if (erasedSeekers.contains(seekerId)
                || ledger.find(matchId).filter(e -> e.status() == LedgerEntry.Status.ERASED).isPresent()) {
            return;
        }
        ledger.dismiss(matchId, seekerId, postingId, at);
    }

    public Explanation explain(String postingId, String seekerId) {
        Posting posting = postings.get(postingId);
        Seeker seeker = seekers.get(seekerId);
        LedgerEntry entry = ledger.find(MatchId.of(postingId, seekerId)).orElse(null);
        if (posting == null || seeker == null) {
            List<Veto> vetoes = new ArrayList<>();
            if (posting == null) {
                vetoes.add(new Veto("posting-unknown", closedPostings.containsKey(postingId)
                        ? "the posting is closed" : "no open posting with this id on this instance"));
            }
            if (seeker == null) {
                vetoes.add(new Veto("seeker-unknown", erasedSeekers.contains(seekerId)
                        ? "the seeker was erased" : "no seeker with this id"));
            }
            return new Explanation(postingId, seekerId, posting != null, seeker != null, 0, policy.threshold(),
                    false, List.of(), vetoes, entry);
        }
        Assessment assessment = scorer.explain(posting, seeker, clock.instant());
        List<Veto> vetoes = new ArrayList<>(assessment.vetoes());
        if (entry != null && entry.status() == LedgerEntry.Status.DISMISSED) {
            vetoes.add(new Veto("dismissed", "the seeker dismissed this match"));
        }
        boolean qualifies = vetoes.isEmpty() && assessment.score() >= policy.threshold();
        return new Explanation(postingId, seekerId, true, true, assessment.score(), policy.threshold(), qualifies,
                assessment.reasons(), vetoes, entry);
    }

    public Map<String, Object> counters() {
        Map<String, Object> counters = new HashMap<>();
        counters.put("seekersIndexed", seekers.size());
        counters.put("postingsIndexed", postings.size());
        counters.put("matchesFound", found.get());
        counters.put("matchesWithdrawn", withdrawn.get());
        return counters;
    }

    /**
     * A match event to publish, and the ledger claim it needs first: a pair never told (expected
     * revision 0) or a later revision; none when a recorded revision is published again.
     */
    private record Telling(MatchFound event, MatchLedger.Claim claim) {
    }

    /** What one trigger tells: withdrawals and matches, written to the ledger together. */
    private static final class Round {
        private final Instant now;
        private final List<Telling> tellings = new ArrayList<>();
        private final List<LedgerEntry> withdrawals = new ArrayList<>();
        private final List<MatchWithdrawn> withdrawalEvents = new ArrayList<>();

        Round(Instant now) {
            this.now = now;
        }

        void tell(Telling telling) {
            if (telling != null) {
                tellings.add(telling);
            }
        }

        void withdraw(LedgerEntry entry, WithdrawalReason reason) {
            withdrawals.add(entry);
            withdrawalEvents.add(new MatchWithdrawn(entry.matchId(), entry.seekerId(), entry.postingId(),
                    entry.partnerId(), reason, now, entry.revision()));
        }

        boolean isEmpty() {
            return tellings.isEmpty() && withdrawals.isEmpty();
        }
    }

    /** What to tell about a pair, or null when nothing: below the threshold, dismissed or unchanged. */
    private Telling decide(Posting posting, Seeker seeker, LedgerEntry known, Trigger trigger, Instant now) {
        Assessment assessment = scorer.assess(posting, seeker, now);
        if (assessment.vetoed() || assessment.score() < policy.threshold()) {
            return null;
        }
        String matchId = MatchId.of(posting.id(), seeker.id());
        int revision;
        if (known == null) {
            revision = 1;
        } else {
            // the revision to tell; 0: nothing to tell
            revision = switch (known.status()) {
                case DISMISSED, ERASED -> 0;
                case WITHDRAWN -> known.revision() + 1;
                case ACTIVE -> {
                    if (!known.published()) {
                        yield known.revision(); // recorded, but its publish was never confirmed: again
                    }
                    boolean material = Math.abs(assessment.score() - known.score()) >= policy.materialChange() - 1e-9;
                    yield material ? known.revision() + 1 : 0;
                }
            };
            if (revision == 0) {
                return null;
            }
        }
        MatchLedger.Claim claim = known != null && revision == known.revision() ? null
                : new MatchLedger.Claim(entry(matchId, posting, seeker, revision, assessment.score(), now),
                        known == null ? 0 : known.revision());
        return new Telling(new MatchFound(matchId, seeker.id(), posting.id(), revision, assessment.score(),
                assessment.reasons(), summary(posting), posting.campaignCodes(), trigger, now), claim);
    }

    /**
     * Claims the round's new revisions in one ledger write (a pair someone else claimed meanwhile is
     * dropped), publishes every event at once and waits for the broker, then marks the matches published
     * and the withdrawals recorded in one more write. Two writes per trigger, however many matches: a
     * posting can bring 200. A withdrawal is published before it is recorded, so a crash in between
     * withdraws the pair again (same event id) when its trigger is replayed.
     */
    private void finish(Round round) {
        if (round.isEmpty()) {
            return;
        }
        List<MatchLedger.Claim> claims = new ArrayList<>();
        for (Telling telling : round.tellings) {
            if (telling.claim() != null) {
                claims.add(telling.claim());
            }
        }
        Set<String> claimed = ledger.claim(claims);
        List<MatchEvent> events = new ArrayList<>(round.withdrawalEvents);
        Map<String, Integer> revisions = new LinkedHashMap<>();
        for (Telling telling : round.tellings) {
            if (telling.claim() == null || claimed.contains(telling.event().matchId())) {
                events.add(telling.event());
                revisions.put(telling.event().matchId(), telling.event().revision());
            }
        }
        publisher.publishAll(events);
        ledger.settle(revisions, round.withdrawals, round.now);
        found.addAndGet(revisions.size());
        withdrawn.addAndGet(round.withdrawals.size());
    }

    private static LedgerEntry entry(String matchId, Posting posting, Seeker seeker, int revision, double score, Instant now) {
        return new LedgerEntry(matchId, seeker.id(), posting.id(), posting.partnerId(), revision, score,
                LedgerEntry.Status.ACTIVE, false, posting.campaignCodes(),
                Masks.values(seeker.keyGroups(), KeyGroup.class).stream().map(Enum::name).toList(),
                posting.regionCode(), now);
    }

    static MatchFound.PostingSummary summary(Posting posting) {
        return new MatchFound.PostingSummary(posting.partnerId(), posting.externalId(), posting.title(),
                new MatchFound.Place(posting.lat(), posting.lon(), posting.regionCode(), posting.address()),
                posting.salary(), posting.workplace(), posting.employmentType());
    }

    private static Map<String, LedgerEntry> bySeeker(List<LedgerEntry> entries) {
        Map<String, LedgerEntry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.seekerId(), e));
        return map;
    }

    private static Map<String, LedgerEntry> byPosting(List<LedgerEntry> entries) {
        Map<String, LedgerEntry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.postingId(), e));
        return map;
    }
}
