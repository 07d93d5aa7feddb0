package org.doorstep.matching.match;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.doorstep.matching.duplicates.DuplicateRule;
import org.doorstep.matching.duplicates.JobDirectory;
import org.doorstep.matching.duplicates.JobSignature;
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
 * <p>
 * Each trigger, or a poll's postings together (up to {@link #PAIRS_PER_ROUND} candidate seekers, then the next
 * round), is one round: the ledger read, one claim write, every event published at once, one settle write. A round that stops between its claim and its settle leaves its pairs
 * unpublished in the ledger, so the next trigger that meets them (the same event read again, after a restart
 * too) tells them again with the same event ids: notification-service drops what it has seen.
 */
public final class MatchEngine {

    /** Candidate seekers a round holds at most: 20 postings of 200 matches each ({@link #rounds}). */
    public static final int PAIRS_PER_ROUND = 4_000;

    /**
     * Ledger pairs a round reads at most: its candidates, and every seeker its postings (and the other postings of
     * their jobs) were ever told about, which a posting changed or read again must see to withdraw what no longer
     * fits. A round over it is judged in halves, down to a posting at a time. Listings grow with every seeker who
     * registers near a posting: on a platform holding 10,000 seekers (five quick benches), a round of 20 postings
     * read 119,000 pairs at once and matching's 512 MB heap ran out on every start (`GC.class_histogram`).
     */
    public static final int PAIRS_READ_PER_ROUND = 5 * PAIRS_PER_ROUND;

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
    private final JobDirectory jobs = new JobDirectory(DuplicateRule.DEFAULT);
    private static final OutcomeSeries NO_SERIES = new OutcomeSeries() {
        @Override
        public void add(Outcomes outcomes) {
        }

        @Override
        public Map<String, Object> series(LocalDate from, LocalDate to) {
            return Map.of();
        }
    };

    private final SameJobNotices notices;
    private final OutcomeSeries outcomes;
    /** What each posting's partner was last told of its job's other postings (held here), to tell only changes. */
    private final Map<String, List<String>> noticed = new HashMap<>();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong withdrawn = new AtomicLong();

    public MatchEngine(SeekerIndex seekers, PostingIndex postings, MatchScorer scorer, MatchLedger ledger,
                       MatchPublisher publisher, Clock clock) {
        this(seekers, postings, scorer, ledger, publisher, notices -> {
        }, NO_SERIES, clock);
    }

    /** Besides the match events: the partners' duplicate notices, and the operators' outcome counters by day. */
    public MatchEngine(SeekerIndex seekers, PostingIndex postings, MatchScorer scorer, MatchLedger ledger,
                       MatchPublisher publisher, SameJobNotices notices, OutcomeSeries outcomes, Clock clock) {
        this.notices = notices;
        this.outcomes = outcomes;
        this.seekers = seekers;
        this.postings = postings;
        this.scorer = scorer;
        this.policy = scorer.policy();
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A posting was created or changed, from the given shard (partition) of the postings this instance owns. */
    public void postingChanged(Posting posting, int shard) {
        postingsChanged(List.of(new PostingChange.Upserted(posting, shard)));
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
            jobs.remove(postingId);
        }
    }

    /** A posting was created or changed (or arrived closed or expired). */
    public void postingChanged(Posting posting) {
        postingChanged(posting, -1);
    }

    /** A posting closed: it leaves the index and its matches are withdrawn. */
    public void postingClosed(String postingId, long version) {
        postingsChanged(List.of(new PostingChange.Closed(postingId, version)));
    }

    /**
     * The postings of one poll, in the order read: each posting's last change counts (an earlier one in the same
     * poll is superseded before it is matched). All of them are matched, then judged against the ledger as one
     * round: one ledger read for all (a second only for listed pairs outside the candidates), one claim write,
     * one publish of every event, one settle.
     */
    public synchronized void postingsChanged(List<? extends PostingChange> changes) {
        Map<String, PostingChange> latest = new LinkedHashMap<>();
        for (PostingChange change : changes) {
            latest.remove(change.postingId());
            latest.put(change.postingId(), change);
        }
        rejudgeJobsOfClosing(latest);
        Instant now = clock.instant();
        List<PostingTrigger> triggers = new ArrayList<>(latest.size());
        for (PostingChange change : latest.values()) {
            PostingTrigger trigger = switch (change) {
                case PostingChange.Upserted upserted -> upserted(upserted.posting(), upserted.shard(), upserted.job(), now);
                case PostingChange.Closed closed -> closed(closed.postingId(), closed.version());
            };
            if (trigger != null) {
                triggers.add(trigger);
            }
        }
        for (List<PostingTrigger> round : rounds(triggers)) {
            judgeRound(round, latest, now);
        }
    }

    /**
     * The triggers in rounds of at most {@link #PAIRS_PER_ROUND} candidate seekers (a trigger with more is a round of
     * its own), in order. A backlog brings full polls (100 postings of up to 200 matches each): judged as one round,
     * their 20,000 matches with their reasons, ledger entries and events were held at once, and a 512 MB heap ran out
     * (measured with {@code ./doorstep bench --rate 50}: the postings consumer died and matching stopped).
     */
    private static List<List<PostingTrigger>> rounds(List<PostingTrigger> triggers) {
        List<List<PostingTrigger>> rounds = new ArrayList<>();
        List<PostingTrigger> round = new ArrayList<>();
        int pairs = 0;
        for (PostingTrigger trigger : triggers) {
            int size = trigger.candidates().size();
            if (!round.isEmpty() && pairs + size > PAIRS_PER_ROUND) {
                rounds.add(round);
                round = new ArrayList<>();
                pairs = 0;
            }
            round.add(trigger);
            pairs += size;
        }
        if (!round.isEmpty()) {
            rounds.add(round);
        }
        return rounds;
    }

    private void judgeRound(List<PostingTrigger> triggers, Map<String, PostingChange> latest, Instant now) {
        Map<String, Set<String>> recordedJobs = recordedJobs(triggers);
        Map<String, Set<String>> sameJobs = sameJobs(triggers, latest, recordedJobs);
        Map<String, Set<String>> candidatesOfPostings = new LinkedHashMap<>();
        triggers.forEach(t -> candidatesOfPostings.put(t.postingId(), t.candidates()));
        // the same job's other postings: their pairs with these seekers (and all they told) say who was told of the job
        for (PostingTrigger trigger : triggers) {
            for (String same : sameJobs.getOrDefault(trigger.postingId(), Set.of())) {
                candidatesOfPostings.merge(same, trigger.candidates(), (a, b) -> {
                    Set<String> union = new HashSet<>(a);
                    union.addAll(b);
                    return union;
                });
            }
        }
        // a single posting is read whole, however much it lists
        Optional<Map<String, List<LedgerEntry>>> read = ledger.forPostings(candidatesOfPostings,
                triggers.size() > 1 ? PAIRS_READ_PER_ROUND : Integer.MAX_VALUE);
        if (read.isEmpty()) {
            int half = triggers.size() / 2;
            judgeRound(triggers.subList(0, half), latest, now);
            judgeRound(triggers.subList(half, triggers.size()), latest, now);
            return;
        }
        Map<String, List<LedgerEntry>> known = read.get();
        Round round = new Round(now);
        for (PostingTrigger trigger : triggers) {
            judge(trigger, known, sameJobs.getOrDefault(trigger.postingId(), Set.of()),
                    recordedJobs.getOrDefault(trigger.postingId(), Set.of()), round, now);
        }
        recordSameJobs(triggers);
        finish(round);
        noticeSameJobs(triggers, now);
        for (PostingTrigger trigger : triggers) {
            forgetErased(known.getOrDefault(trigger.postingId(), List.of()), trigger.candidates());
        }
    }

    /**
     * The other open postings of each trigger's job: those found here, and for a posting read for the first time
     * (new, or read again after a restart or a rebalance) those recorded in the ledger, which may not have been read
     * again yet. Postings closing in this round or closed before are left out: they tell nobody of the job.
     */
    private Map<String, Set<String>> sameJobs(List<PostingTrigger> triggers, Map<String, PostingChange> latest,
                                              Map<String, Set<String>> recorded) {
        Map<String, Set<String>> sameJobs = new HashMap<>();
        for (PostingTrigger trigger : triggers) {
            if (trigger.posting() == null) {
                continue;
            }
            Set<String> same = new LinkedHashSet<>();
            trigger.sameJob().forEach(job -> same.add(job.postingId()));
            same.addAll(recorded.getOrDefault(trigger.postingId(), Set.of()));
            same.removeIf(id -> closedPostings.containsKey(id) || latest.get(id) instanceof PostingChange.Closed);
            if (!same.isEmpty()) {
                sameJobs.put(trigger.postingId(), same);
            }
        }
        return sameJobs;
    }

    /** What the ledger records of the jobs of the postings read here for the first time (one keyed read; none if none). */
    private Map<String, Set<String>> recordedJobs(List<PostingTrigger> triggers) {
        List<String> firstRead = new ArrayList<>();
        for (PostingTrigger trigger : triggers) {
            if (trigger.joined()) {
                firstRead.add(trigger.postingId());
            }
        }
        return firstRead.isEmpty() ? Map.of() : ledger.sameJobs(firstRead);
    }

    /**
     * Records the jobs found in this round (both ways), before anything is told, so that postings read again after a
     * restart in another order still know them; forgets closed postings' records.
     */
    private void recordSameJobs(List<PostingTrigger> triggers) {
        Map<String, Set<String>> links = new HashMap<>();
        List<String> closed = new ArrayList<>();
        for (PostingTrigger trigger : triggers) {
            if (trigger.posting() == null) {
                if (trigger.hadJob()) {
                    closed.add(trigger.postingId());
                }
                continue;
            }
            for (JobSignature same : trigger.sameJob()) {
                links.computeIfAbsent(trigger.postingId(), k -> new LinkedHashSet<>()).add(same.postingId());
                links.computeIfAbsent(same.postingId(), k -> new LinkedHashSet<>()).add(trigger.postingId());
            }
        }
        if (!links.isEmpty() || !closed.isEmpty()) {
            ledger.recordSameJobs(links, closed);
        }
    }

    /**
     * Tells the partners of the round's postings, and of the other postings of their jobs (held here), which other
     * open postings are the same job, when that changed since they were last told: a closed posting, and one whose
     * job lost its other postings, with an empty list. Published after the round's matches; a failure leaves
     * {@link #noticed} as it was, so the poll read again tells it again.
     */
    private void noticeSameJobs(List<PostingTrigger> triggers, Instant now) {
        Map<String, String> partnerOf = new LinkedHashMap<>();
        for (PostingTrigger trigger : triggers) {
            if (trigger.posting() != null) {
                partnerOf.put(trigger.postingId(), trigger.posting().partnerId());
            }
            trigger.sameJob().forEach(same -> partnerOf.put(same.postingId(), same.partnerId()));
            trigger.formerJob().forEach(same -> partnerOf.put(same.postingId(), same.partnerId()));
        }
        List<SameJob> changed = new ArrayList<>();
        partnerOf.forEach((postingId, partnerId) -> {
            List<String> sameJobAs = postings.get(postingId) == null ? List.of()
                    : jobs.sameJobAs(postingId).stream().map(JobSignature::postingId).sorted().toList();
            if (!sameJobAs.equals(noticed.getOrDefault(postingId, List.of()))) {
                changed.add(new SameJob(postingId, partnerId, sameJobAs, now));
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        notices.publishNotices(changed);
        for (SameJob notice : changed) {
            if (notice.sameJobAs().isEmpty()) {
                noticed.remove(notice.postingId());
            } else {
                noticed.put(notice.postingId(), notice.sameJobAs());
            }
        }
    }

    /**
     * One posting of a poll: the posting (null when it closed), the seekers retrieved for it, the other postings of
     * the same job held here (first published first), whether this posting has just joined them, and the postings of
     * its job before this change (itself first when it closed).
     */
    private record PostingTrigger(String postingId, Posting posting, Retrieved<Seeker> retrieved, Set<String> candidates,
                                  List<JobSignature> sameJob, boolean joined, boolean hadJob, List<JobSignature> formerJob) {
    }

    /**
     * A posting that closes leaves its job's other postings held here (published by other partners) as the
     * job's sources: they are judged again in the same round, after it, so that the seekers who were told of the
     * job through the closing posting are told of it through another (a withdrawal, then a match).
     */
    private void rejudgeJobsOfClosing(Map<String, PostingChange> latest) {
        List<PostingChange> again = new ArrayList<>();
        for (PostingChange change : latest.values()) {
            JobSignature closing = change instanceof PostingChange.Closed ? jobs.get(change.postingId()) : null;
            if (closing == null) {
                continue;
            }
            for (JobSignature same : jobs.sameJobAs(closing.postingId())) {
                Posting posting = postings.get(same.postingId());
                if (posting != null && !latest.containsKey(same.postingId())) {
                    again.add(new PostingChange.Upserted(posting, shardOfPosting.getOrDefault(same.postingId(), -1), same));
                }
            }
        }
        again.forEach(change -> latest.putIfAbsent(change.postingId(), change));
    }

    /** Indexes a created or changed posting and retrieves its seekers; null when the change is stale. */
    private PostingTrigger upserted(Posting posting, int shard, JobSignature job, Instant now) {
        shardOfPosting.put(posting.id(), shard);
        Long closedAt = closedPostings.get(posting.id());
        if (closedAt != null && closedAt >= posting.version()) {
            return null;
        }
        Posting previous = postings.get(posting.id());
        if (previous != null && previous.version() > posting.version()) {
            return null;
        }
        if (!posting.open() || (posting.validThrough() != null && posting.validThrough().isBefore(now))) {
            return closed(posting.id(), posting.version());
        }
        postings.upsert(posting);
        // reopened (a version after its closing): open again, also as a source of its job
        closedPostings.remove(posting.id());
        List<JobSignature> sameJob = List.of();
        List<JobSignature> formerJob = List.of();
        boolean joined = false;
        if (job != null) {
            joined = jobs.get(posting.id()) == null;
            formerJob = joined ? List.of() : jobs.sameJobAs(posting.id());
            sameJob = jobs.put(job);
        }
        Retrieved<Seeker> retrieved = seekers.match(posting, scorer, policy.topK(), now);
        Set<String> candidates = new HashSet<>();
        for (Ranked<Seeker> ranked : retrieved.ranked()) {
            candidates.add(ranked.item().id());
        }
        return new PostingTrigger(posting.id(), posting, retrieved, candidates, sameJob, joined, false, formerJob);
    }

    /** A closed posting leaves the index; its trigger withdraws its matches. */
    private PostingTrigger closed(String postingId, long version) {
        closedPostings.merge(postingId, version, Math::max);
        postings.remove(postingId);
        shardOfPosting.remove(postingId);
        List<JobSignature> formerJob = new ArrayList<>();
        if (jobs.get(postingId) != null) {
            formerJob.add(jobs.get(postingId));
            formerJob.addAll(jobs.sameJobAs(postingId));
        }
        boolean hadJob = formerJob.size() > 1;
        jobs.remove(postingId);
        return new PostingTrigger(postingId, null, null, Set.of(), List.of(), false, hadJob, formerJob);
    }

    /** What a posting's trigger tells, given the ledger entries of its postings and of their jobs' other postings. */
    private void judge(PostingTrigger trigger, Map<String, List<LedgerEntry>> ledgerEntries, Set<String> sameJob,
                       Set<String> recordedJob, Round round, Instant now) {
        List<LedgerEntry> entries = ledgerEntries.getOrDefault(trigger.postingId(), List.of());
        round.resendWithdrawals(entries, postingId -> true);
        Posting posting = trigger.posting();
        if (posting == null) {
            for (LedgerEntry entry : entries) {
                if (entry.status() == LedgerEntry.Status.ACTIVE) {
                    round.withdraw(entry, WithdrawalReason.POSTING_CLOSED);
                }
            }
            return;
        }
        Map<String, LedgerEntry> known = bySeeker(entries);
        for (LedgerEntry entry : known.values()) {
            if (entry.status() == LedgerEntry.Status.ACTIVE && !trigger.candidates().contains(entry.seekerId())) {
                Seeker seeker = seekers.get(entry.seekerId());
                if (seeker == null && erasedSeekers.contains(entry.seekerId())) {
                    // erased while this posting was not held here (a rebalance): its erasure passed it by
                    round.withdraw(entry, WithdrawalReason.SEEKER_ERASED);
                } else if (seeker != null && scorer.score(posting, seeker, now) < policy.threshold()) {
                    round.withdraw(entry, WithdrawalReason.POSTING_CHANGED);
                }
            }
        }
        Map<String, LedgerEntry> toldOfJob = toldOfJob(sameJob, ledgerEntries);
        for (Ranked<Seeker> ranked : trigger.retrieved().ranked()) {
            if (ranked.score() < policy.threshold()) {
                continue;
            }
            LedgerEntry told = toldOfJob.get(ranked.item().id());
            if (told == null && round.toldOfJob(sameJob, ranked.item().id())) {
                continue;
            }
            if (told == null) {
                round.tell(decide(posting, ranked.item(), known.get(ranked.item().id()), Trigger.POSTING, now, round, false));
            } else if (trigger.joined() && !recordedJob.contains(told.postingId()) && postings.get(told.postingId()) != null) {
                // (a posting read again after a restart, whose job was recorded before, changes nothing)
                // told of the job through another partner's posting: that match, once more, names this source too
                round.tell(decide(postings.get(told.postingId()), ranked.item(), told, Trigger.POSTING, now, round, true));
            }
        }
    }

    /**
     * The seekers already told of the trigger's job through another of its postings (an active pair of theirs), or who
     * dismissed it through one: they are not told again; their pair, by seeker (an active one before a dismissed one).
     */
    private static Map<String, LedgerEntry> toldOfJob(Set<String> sameJob, Map<String, List<LedgerEntry>> ledgerEntries) {
        if (sameJob.isEmpty()) {
            return Map.of();
        }
        Map<String, LedgerEntry> told = new HashMap<>();
        for (String same : sameJob) {
            for (LedgerEntry entry : ledgerEntries.getOrDefault(same, List.of())) {
                if (entry.status() == LedgerEntry.Status.ACTIVE) {
                    told.merge(entry.seekerId(), entry, (kept, next) -> kept.status() == LedgerEntry.Status.ACTIVE ? kept : next);
                } else if (entry.status() == LedgerEntry.Status.DISMISSED) {
                    told.putIfAbsent(entry.seekerId(), entry);
                }
            }
        }
        return told;
    }

    /**
     * Whether the seeker knows the posting's job through another of its postings (an active pair, or one they
     * dismissed), or is told of it in this round through a better-ranked one; {@code toldJobs} collects the postings told of in the round.
     */
    private boolean toldOfJobAlready(Posting posting, Map<String, LedgerEntry> known, Set<String> toldJobs) {
        List<JobSignature> sameJob = jobs.sameJobAs(posting.id());
        for (JobSignature same : sameJob) {
            LedgerEntry entry = known.get(same.postingId());
            if (toldJobs.contains(same.postingId()) || entry != null && (entry.status() == LedgerEntry.Status.ACTIVE
                    || entry.status() == LedgerEntry.Status.DISMISSED)) {
                return true;
            }
        }
        toldJobs.add(posting.id());
        return false;
    }

    /**
     * A profile read again at a start, judged before the process stopped: indexed, nothing read or told (the postings
     * judged after the index is whole find it as a candidate like any other).
     */
    public synchronized void seekerIndexed(Seeker seeker) {
        index(seeker);
    }

    /** A profile was created or changed. */
    public synchronized void seekerChanged(Seeker seeker) {
        if (!index(seeker)) {
            return;
        }
        Instant now = clock.instant();
        Retrieved<Posting> retrieved = postings.match(seeker, scorer, policy.topK(), now);
        Set<String> candidates = new HashSet<>();
        for (Ranked<Posting> ranked : retrieved.ranked()) {
            candidates.add(ranked.item().id());
        }
        // postings of other instances' partitions are theirs to judge: only the ones held here are read
        List<LedgerEntry> entries = ledger.forSeeker(seeker.id(), candidates, this::holds);
        Map<String, LedgerEntry> known = byPosting(entries);
        Round round = new Round(now);
        round.resendWithdrawals(entries, this::holds);
        for (LedgerEntry entry : known.values()) {
            if (entry.status() == LedgerEntry.Status.ACTIVE && !candidates.contains(entry.postingId())) {
                Posting posting = postings.get(entry.postingId());
                if (posting != null && scorer.score(posting, seeker, now) < policy.threshold()) {
                    round.withdraw(entry, WithdrawalReason.PROFILE_CHANGED);
                }
            }
        }
        Set<String> toldJobs = new HashSet<>();
        for (Ranked<Posting> ranked : retrieved.ranked()) {
            if (ranked.score() >= policy.threshold() && !toldOfJobAlready(ranked.item(), known, toldJobs)) {
                round.tell(decide(ranked.item(), seeker, known.get(ranked.item().id()), Trigger.SEEKER, now, round, false));
            }
        }
        finish(round);
    }

    /** Indexes the profile unless its seeker was erased or a later version is indexed; whether it did. */
    private boolean index(Seeker seeker) {
        Seeker previous = seekers.get(seeker.id());
        if (erasedSeekers.contains(seeker.id()) || previous != null && previous.version() > seeker.version()) {
            return false;
        }
        seekers.upsert(seeker);
        return true;
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
        List<LedgerEntry> entries = ledger.forSeeker(seekerId, Set.of(), postingId -> true);
        round.resendWithdrawals(entries, this::holds);
        for (LedgerEntry entry : entries) {
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

    /**
     * The seeker dismissed a match: the pair never comes back (nothing to record once the seeker is erased). Counted
     * as an outcome when the ledger knew the pair and had not recorded the dismissal yet.
     */
    public void dismissed(String seekerId, String postingId, Instant at) {
        if (erasedSeekers.contains(seekerId)) {
            return;
        }
        String matchId = MatchId.of(postingId, seekerId);
        Optional<LedgerEntry> pair = ledger.find(matchId);
        if (pair.filter(e -> e.status() == LedgerEntry.Status.ERASED).isPresent()) {
            return;
        }
        ledger.dismiss(matchId, seekerId, postingId, at);
        pair.filter(e -> e.status() != LedgerEntry.Status.DISMISSED)
                .ifPresent(e -> outcomes.add(new Outcomes().add(Outcomes.DISMISSED, e, at)));
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
     * revision 0) or a later revision; none when a recorded revision is published again ({@code retold}: the
     * entry whose publish was never confirmed).
     */
    private record Telling(MatchFound event, MatchLedger.Claim claim, LedgerEntry retold, boolean fresh) {
    }

    /** What one round of triggers tells: withdrawals and matches, written to the ledger together. */
    private static final class Round {
        private final Instant now;
        private final List<Telling> tellings = new ArrayList<>();
        private final List<MatchLedger.Withdrawal> withdrawals = new ArrayList<>();
        private final List<MatchWithdrawn> withdrawalEvents = new ArrayList<>();
        private final List<LedgerEntry> resent = new ArrayList<>();
        /** Pairs kept as told whose seeker's consented key groups changed since: matchId to the groups now. */
        private final Map<String, List<String>> regrouped = new LinkedHashMap<>();
        private final Map<String, List<MatchFound.Source>> sources = new HashMap<>();
        /** What each posting version's matches show of it ({@link MatchFound#shown}), worked out once a round. */
        private final Map<String, Integer> shown = new HashMap<>();
        private final Set<String> told = new HashSet<>();

        Round(Instant now) {
            this.now = now;
        }

        int shown(Posting posting) {
            return shown.computeIfAbsent(posting.id() + "@" + posting.version(),
                    key -> MatchFound.shown(summary(posting), posting.campaignCodes()));
        }

        void tell(Telling telling) {
            if (telling != null && told.add(telling.event().matchId())) {
                tellings.add(telling);
            }
        }

        void withdraw(LedgerEntry entry, WithdrawalReason reason) {
            withdrawals.add(new MatchLedger.Withdrawal(entry, reason, now));
            withdrawalEvents.add(new MatchWithdrawn(entry.matchId(), entry.seekerId(), entry.postingId(),
                    entry.partnerId(), reason, now, entry.revision()));
        }

        /**
         * Withdrawals recorded by a round that never confirmed them (it stopped between its claim and its settle):
         * published again, same event ids, as this round's.
         */
        void resendWithdrawals(List<LedgerEntry> entries, java.util.function.Predicate<String> ofPostings) {
            for (LedgerEntry entry : entries) {
                if (entry.status() == LedgerEntry.Status.WITHDRAWN && !entry.published()
                        && ofPostings.test(entry.postingId())) {
                    resent.add(entry);
                    withdrawalEvents.add(new MatchWithdrawn(entry.matchId(), entry.seekerId(), entry.postingId(),
                            entry.partnerId(), entry.withdrawalReason(), entry.updatedAt(), entry.revision()));
                }
            }
        }

        /** Records the seeker's key groups on a pair kept as told, when they are no longer those it was told with. */
        void regroup(LedgerEntry known, Seeker seeker) {
            List<String> now = keyGroups(seeker);
            if (!now.equals(known.keyGroups())) {
                regrouped.put(known.matchId(), now);
            }
        }

        /** Whether this round tells the seeker of one of these postings already. */
        boolean toldOfJob(Set<String> sameJob, String seekerId) {
            for (String same : sameJob) {
                if (told.contains(MatchId.of(same, seekerId))) {
                    return true;
                }
            }
            return false;
        }

        boolean isEmpty() {
            return tellings.isEmpty() && withdrawalEvents.isEmpty();
        }
    }

    /**
     * What to tell about a pair, or null when nothing: below the threshold, dismissed or unchanged ({@code newSource}:
     * the job it is about has a new source, a change to tell even when the score did not move).
     */
    private Telling decide(Posting posting, Seeker seeker, LedgerEntry known, Trigger trigger, Instant now, Round round,
                           boolean newSource) {
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
                    boolean material = newSource
                            || Math.abs(assessment.score() - known.score()) >= policy.materialChange() - 1e-9
                            || shownChanged(known, round.shown(posting));
                    if (!material) {
                        round.regroup(known, seeker);
                    }
                    yield material ? known.revision() + 1 : 0;
                }
            };
            if (revision == 0) {
                return null;
            }
        }
        boolean again = known != null && revision == known.revision();
        MatchLedger.Claim claim = again ? null
                : new MatchLedger.Claim(entry(matchId, posting, seeker, revision, assessment.score(), now, round.shown(posting)),
                        known == null ? 0 : known.revision());
        return new Telling(new MatchFound(matchId, seeker.id(), posting.id(), revision, assessment.score(),
                assessment.reasons(), summary(posting), posting.campaignCodes(), trigger, now,
                round.sources.computeIfAbsent(posting.id(), id -> sources(posting))), claim,
                again ? known : null, known == null || known.status() == LedgerEntry.Status.WITHDRAWN);
    }

    /**
     * Claims the round's new revisions and records its withdrawals in one ledger write (a pair someone else
     * claimed meanwhile is dropped), publishes every event at once and waits for the broker, then settles the
     * round in one more write. Two writes per round, however many matches and postings: a posting can bring 200,
     * a poll 500 postings. Until the settle, everything the round recorded reads back unpublished, so a crash in
     * between tells it again, with the same event ids, when its trigger is replayed (or any trigger meets it).
     */
    private void finish(Round round) {
        if (!round.regrouped.isEmpty()) {
            ledger.regroup(round.regrouped);
        }
        if (round.isEmpty()) {
            return;
        }
        List<MatchLedger.Claim> claims = new ArrayList<>();
        List<LedgerEntry> retold = new ArrayList<>(round.resent);
        for (Telling telling : round.tellings) {
            if (telling.claim() != null) {
                claims.add(telling.claim());
            } else {
                retold.add(telling.retold());
            }
        }
        MatchLedger.Claimed claimed = ledger.claim(claims, round.withdrawals, retold);
        List<MatchEvent> events = new ArrayList<>(round.withdrawalEvents);
        int told = 0;
        for (Telling telling : round.tellings) {
            if (telling.claim() == null || claimed.matchIds().contains(telling.event().matchId())) {
                events.add(telling.event());
                told++;
            }
        }
        publisher.publishAll(events);
        ledger.settle(claimed);
        found.addAndGet(told);
        withdrawn.addAndGet(round.withdrawals.size());
        Outcomes counted = new Outcomes();
        for (Telling telling : round.tellings) {
            if (telling.fresh() && telling.claim() != null && claimed.matchIds().contains(telling.event().matchId())) {
                counted.add(Outcomes.FOUND, telling.claim().next(), round.now);
            }
        }
        round.withdrawals.forEach(w -> counted.add(Outcomes.WITHDRAWN, w.entry(), w.at()));
        outcomes.add(counted);
    }

    private static LedgerEntry entry(String matchId, Posting posting, Seeker seeker, int revision, double score, Instant now,
                                     int shown) {
        return new LedgerEntry(matchId, seeker.id(), posting.id(), posting.partnerId(), revision, score,
                LedgerEntry.Status.ACTIVE, false, posting.campaignCodes(),
                keyGroups(seeker), posting.regionCode(), now, null, new LedgerEntry.Subject(posting.isco(), posting.employer(),
                posting.createdAt(), seeker.occupations(), occupationWeights(seeker),
                shown));
    }

    /**
     * Whether the seeker was shown the posting otherwise than it reads now (title, place, pay, workplace, employment
     * type, campaigns): a partner's edit is told even when the score stays. Entries recorded before fingerprints were
     * kept say nothing (0), and are told again only on a material score change, as before.
     */
    private static boolean shownChanged(LedgerEntry known, int shownNow) {
        int shown = known.subject() == null ? 0 : known.subject().shown();
        return shown != 0 && shown != shownNow;
    }

    /** The key groups a seeker consents to count, as the ledger keeps them. */
    private static List<String> keyGroups(Seeker seeker) {
        return Masks.values(seeker.keyGroups(), KeyGroup.class).stream().map(Enum::name).toList();
    }

    private static float[] occupationWeights(Seeker seeker) {
        float[] weights = new float[seeker.occupations().length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) seeker.occupationWeight(i);
        }
        return weights;
    }

    /** The postings of the posting's job held here: itself first, then the others as they were published. */
    private List<MatchFound.Source> sources(Posting posting) {
        List<MatchFound.Source> sources = new ArrayList<>();
        sources.add(new MatchFound.Source(posting.id(), posting.partnerId(), posting.externalId()));
        for (JobSignature same : jobs.sameJobAs(posting.id())) {
            sources.add(new MatchFound.Source(same.postingId(), same.partnerId(), same.externalId()));
        }
        return List.copyOf(sources);
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
