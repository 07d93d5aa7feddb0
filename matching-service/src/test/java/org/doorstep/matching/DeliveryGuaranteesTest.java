package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.doorstep.matching.index.PostingIndex;
import org.doorstep.matching.index.SeekerIndex;
import org.doorstep.matching.store.Ledgers;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchEvent;
import org.doorstep.matching.match.MatchFound;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.matching.match.MatchPublisher;
import org.doorstep.matching.match.MatchWithdrawn;
import org.doorstep.matching.match.PostingChange;
import org.doorstep.matching.match.WithdrawalReason;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Salary;
import org.doorstep.matching.scoring.SalaryPeriod;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.scoring.Workplace;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.reactivestreams.client.MongoClient;

/**
 * What a crash between a round's ledger writes does, on the real ledger (MongoDB-wire server) and broker: a crash
 * between the claim and the publish tells the same pairs again, with the same event ids, when the trigger is
 * replayed (after a restart too); a crash between the publish and the settle repeats only those ids, which the
 * notification service drops; withdrawals likewise. And a poll's postings go through the ledger as one round, the
 * last change of a posting counting, or in rounds of bounded size when they are many.
 */
class DeliveryGuaranteesTest extends MatchingServiceTest {

    private static final double CHENGDU_LAT = 30.5728;
    private static final double CHENGDU_LON = 104.0668;

    @Autowired
    private MatchScorer scorer;
    @Autowired
    private MatchLedger ledger;
    @Autowired
    private MatchPublisher broker;
    @Autowired
    private Taxonomy taxonomy;
    @Autowired
    private MongoClient client;
    @Autowired
    private Clock clock;

    private final List<AutoCloseable> indexes = new ArrayList<>();

    @AfterEach
    void closeIndexes() throws Exception {
        for (AutoCloseable index : indexes) {
            index.close();
        }
    }

    @Test
    void aCrashBetweenClaimAndPublishTellsTheSamePairsWithTheSameIdsWhenTheTriggerIsReplayedAfterARestart() {
        List<Seeker> seekers = List.of(seeker(CHENGDU_LAT, CHENGDU_LON), seeker(CHENGDU_LAT + 0.02, CHENGDU_LON));
        Posting posting = posting(CHENGDU_LAT, CHENGDU_LON);
        Publisher failing = new Publisher(broker, 1);

        assertThatThrownBy(() -> engine(seekers, ledger, failing).postingChanged(posting))
                .hasMessageContaining("broker away");
        assertThat(failing.asked).hasSize(2);
        for (Seeker seeker : seekers) {
            assertThat(ledger.find(MatchId.of(posting.id(), seeker.id()))).as("claimed, never confirmed")
                    .hasValueSatisfying(e -> assertThat(e.published()).isFalse());
        }

        // restarted: indexes rebuilt from the topics, a ledger of its own process, the posting read again
        Publisher restarted = new Publisher(broker, 0);
        MatchEngine again = engine(seekers, Ledgers.mongo(new ReactiveMongoTemplate(client, "matching")), restarted);
        again.postingChanged(posting);

        assertThat(ids(restarted.sent)).containsExactlyInAnyOrderElementsOf(ids(failing.asked));
        assertThat(restarted.sent).allSatisfy(e -> assertThat(((MatchFound) e).revision()).isEqualTo(1));
        for (Seeker seeker : seekers) {
            assertThat(ledger.find(MatchId.of(posting.id(), seeker.id())))
                    .hasValueSatisfying(e -> assertThat(e.published()).isTrue());
        }
        again.postingChanged(posting);
        assertThat(restarted.sent).as("told once confirmed: nothing more").hasSize(2);
    }

    @Test
    void aCrashBetweenPublishAndSettleRepeatsOnlyTheSameEventIds() {
        List<Seeker> seekers = List.of(seeker(CHENGDU_LAT, CHENGDU_LON), seeker(CHENGDU_LAT, CHENGDU_LON + 0.02));
        Posting posting = posting(CHENGDU_LAT, CHENGDU_LON);
        Publisher publisher = new Publisher(broker, 0);
        ObservedLedger settleFails = new ObservedLedger(ledger, 1);
        MatchEngine engine = engine(seekers, settleFails, publisher);

        assertThatThrownBy(() -> engine.postingChanged(posting)).hasMessageContaining("store away");
        List<String> first = ids(publisher.sent);
        assertThat(first).hasSize(2);

        engine.postingChanged(posting); // redelivered: the offset was never committed
        engine.postingChanged(posting); // and once more, after the settle

        assertThat(ids(publisher.sent)).hasSize(4).containsOnlyElementsOf(first);
    }

    @Test
    void aCrashBeforeAClosedPostingsWithdrawalsWentOutWithdrawsAgainWithTheSameIds() {
        List<Seeker> seekers = List.of(seeker(CHENGDU_LAT, CHENGDU_LON));
        Posting posting = posting(CHENGDU_LAT, CHENGDU_LON);
        engine(seekers, ledger, new Publisher(broker, 0)).postingChanged(posting);
        String matchId = MatchId.of(posting.id(), seekers.get(0).id());
        Publisher failing = new Publisher(broker, 1);

        assertThatThrownBy(() -> engine(seekers, ledger, failing).postingClosed(posting.id(), 2)).hasMessageContaining("broker away");
        assertThat(ledger.find(matchId)).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo(LedgerEntry.Status.WITHDRAWN);
            assertThat(e.withdrawalReason()).isEqualTo(WithdrawalReason.POSTING_CLOSED);
            assertThat(e.published()).as("recorded, never confirmed").isFalse();
        });

        Publisher restarted = new Publisher(broker, 0);
        engine(seekers, Ledgers.mongo(new ReactiveMongoTemplate(client, "matching")), restarted).postingClosed(posting.id(), 2);

        assertThat(ids(restarted.sent)).containsExactlyElementsOf(ids(failing.asked));
        assertThat(restarted.sent).singleElement().isInstanceOfSatisfying(MatchWithdrawn.class,
                w -> assertThat(w.reason()).isEqualTo(WithdrawalReason.POSTING_CLOSED));
        assertThat(ledger.find(matchId)).hasValueSatisfying(e -> assertThat(e.published()).isTrue());
    }

    @Test
    void aPollsPostingsGoThroughTheLedgerAsOneRoundAndAPostingsLastChangeCounts() {
        Seeker chengdu = seeker(CHENGDU_LAT, CHENGDU_LON);
        Seeker shanghai = seeker(31.2304, 121.4737);
        Posting first = posting(CHENGDU_LAT, CHENGDU_LON);
        Posting moved = withVersion(posting(39.9042, 116.4074, first.id()), 2); // to Beijing: nobody there
        Posting other = posting(31.2304, 121.4737);
        Publisher publisher = new Publisher(broker, 0);
        ObservedLedger observed = new ObservedLedger(ledger, 0);

        engine(List.of(chengdu, shanghai), observed, publisher).postingsChanged(List.of(
                new PostingChange.Upserted(first, 0), new PostingChange.Upserted(other, 1),
                new PostingChange.Upserted(moved, 0)));

        assertThat(publisher.sent).as("the first version of the moved posting was never matched")
                .extracting(MatchEvent::matchId).containsExactly(MatchId.of(other.id(), shanghai.id()));
        assertThat(observed.reads.get()).isEqualTo(1);
        assertThat(observed.claims.get()).isEqualTo(1);
        assertThat(observed.settles.get()).isEqualTo(1);
        assertThat(publisher.calls.get()).isEqualTo(1);
    }

    @Test
    void aPollTooLargeForOneRoundIsJudgedInRoundsOfBoundedSize() {
        List<Seeker> seekers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            seekers.add(seeker(CHENGDU_LAT + 0.0001 * i, CHENGDU_LON));
        }
        List<PostingChange> poll = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            poll.add(new PostingChange.Upserted(posting(CHENGDU_LAT, CHENGDU_LON + 0.0001 * i), i % 3));
        }
        Publisher publisher = new Publisher(broker, 0);
        ObservedLedger observed = new ObservedLedger(ledger, 0);

        engine(seekers, observed, publisher).postingsChanged(poll);

        int topK = scorer.policy().topK();
        assertThat(publisher.sent).as("every posting's top %d told", topK).hasSize(25 * topK);
        assertThat(publisher.calls.get()).as("rounds: %d postings of %d pairs, then the rest",
                MatchEngine.PAIRS_PER_ROUND / topK, topK).isEqualTo(2);
        assertThat(observed.claims.get()).isEqualTo(2);
        assertThat(observed.settles.get()).isEqualTo(2);
        assertThat(publisher.largest.get()).isLessThanOrEqualTo(MatchEngine.PAIRS_PER_ROUND);
    }

    @Test
    void aSeekerReadAgainAtAStartIsIndexedWithoutReadingOrTellingAndTheNextPostingFindsThem() {
        Publisher publisher = new Publisher(broker, 0);
        ObservedLedger observed = new ObservedLedger(ledger, 0);
        MatchEngine engine = engine(List.of(), observed, publisher);
        engine.postingsChanged(List.of(new PostingChange.Upserted(posting(CHENGDU_LAT, CHENGDU_LON), 0)));
        int reads = observed.reads.get();
        Seeker seeker = seeker(CHENGDU_LAT, CHENGDU_LON);

        engine.seekerIndexed(seeker);

        assertThat(observed.reads.get()).as("no ledger read").isEqualTo(reads);
        assertThat(publisher.sent).as("judged before the stop: nothing told again").isEmpty();
        Posting next = posting(CHENGDU_LAT, CHENGDU_LON);
        engine.postingsChanged(List.of(new PostingChange.Upserted(next, 0)));
        assertThat(publisher.sent).extracting(MatchEvent::matchId).containsExactly(MatchId.of(next.id(), seeker.id()));
    }

    @Test
    void aRoundWhosePostingsWereToldToManySeekersIsJudgedInPartsThatEachReadALimitedNumberOfPairs() {
        List<Seeker> first = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(seeker(CHENGDU_LAT + 0.0001 * i, CHENGDU_LON));
        }
        List<Posting> postings = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            postings.add(posting(CHENGDU_LAT, CHENGDU_LON + 0.0001 * i));
        }
        Publisher publisher = new Publisher(broker, 0);
        ObservedLedger observed = new ObservedLedger(ledger, 0);
        MatchEngine engine = engine(first, observed, publisher);
        engine.postingsChanged(postings.stream().map(p -> (PostingChange) new PostingChange.Upserted(p, 0)).toList());
        // seekers who register later, near the postings, are told of every one of them: each posting lists 1,100
        for (int i = 0; i < 900; i++) {
            engine.seekerChanged(seeker(CHENGDU_LAT - 0.0001 * i, CHENGDU_LON));
        }
        int told = publisher.sent.size();
        int readsBefore = observed.reads.get();

        // the postings change: 20 of them (a round by candidates) would read 20 x 1,100 pairs at once
        engine.postingsChanged(postings.stream().map(p -> (PostingChange) new PostingChange.Upserted(withVersion(p, 2), 0)).toList());

        assertThat(told).as("every posting told to all 1,100 seekers").isEqualTo(25 * 1_100);
        assertThat(observed.largestRead.get()).as("pairs held by the largest read")
                .isGreaterThan(1_100).isLessThanOrEqualTo(MatchEngine.PAIRS_READ_PER_ROUND);
        assertThat(observed.reads.get() - readsBefore).as("reads: 20 postings refused, then in two halves; then 5").isEqualTo(4);
        assertThat(publisher.sent).as("nothing changed for anyone: nothing told or withdrawn again").hasSize(told);
    }

    private MatchEngine engine(List<Seeker> seekers, MatchLedger ledger, MatchPublisher publisher) {
        SeekerIndex seekerIndex = new SeekerIndex(scorer.policy());
        PostingIndex postingIndex = new PostingIndex(scorer.policy());
        indexes.add(seekerIndex);
        indexes.add(postingIndex);
        seekers.forEach(seekerIndex::upsert);
        return new MatchEngine(seekerIndex, postingIndex, scorer, ledger, publisher, clock);
    }

    private Seeker seeker(double lat, double lon) {
        return new Seeker(UUID.randomUUID().toString(), 1, true, lat, lon, "CN", 25, false, new int[0], skills(), null,
                Float.NaN, Float.NaN, null, 0, 0, 0);
    }

    private Posting posting(double lat, double lon) {
        return posting(lat, lon, UUID.randomUUID().toString());
    }

    private Posting posting(double lat, double lon, String id) {
        return new Posting(id, "partner-a", "EXT-" + id, 1, true, "Java developer", lat, lon, "CN", "here",
                Workplace.ONSITE, EmploymentType.FULL_TIME, new Salary(12000, 18000, "CNY", SalaryPeriod.MONTH), 0, false,
                skills(), new int[0], null, Float.NaN, 0, 0, List.of(), Instant.now().plusSeconds(86_400), Instant.now());
    }

    private static Posting withVersion(Posting p, long version) {
        return new Posting(p.id(), p.partnerId(), p.externalId(), version, p.open(), p.title(), p.lat(), p.lon(),
                p.regionCode(), p.address(), p.workplace(), p.employmentType(), p.salary(), p.isco(), p.iscoDerived(),
                p.requiredSkills(), p.optionalSkills(), p.minEducation(), p.minExperienceYears(), p.targetGroups(),
                p.accommodations(), p.campaignCodes(), p.validThrough(), p.updatedAt());
    }

    private int[] skills() {
        int java = taxonomy.skill("Java", null);
        int sql = taxonomy.skill("SQL", null);
        return java < sql ? new int[] {java, sql} : new int[] {sql, java};
    }

    private static List<String> ids(List<MatchEvent> events) {
        return events.stream().map(MatchEvent::eventId).toList();
    }

    /** The service's Kafka publisher, failing the first {@code failures} publishes as a broker away would. */
    private static final class Publisher implements MatchPublisher {
        private final MatchPublisher broker;
        private int failures;
        final List<MatchEvent> asked = new ArrayList<>();
        final List<MatchEvent> sent = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger largest = new AtomicInteger();

        Publisher(MatchPublisher broker, int failures) {
            this.broker = broker;
            this.failures = failures;
        }

        @Override
        public void publish(MatchEvent event) {
            publishAll(List.of(event));
        }

        @Override
        public void publishAll(List<? extends MatchEvent> events) {
            calls.incrementAndGet();
            largest.accumulateAndGet(events.size(), Math::max);
            asked.addAll(events);
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("broker away");
            }
            broker.publishAll(events);
            sent.addAll(events);
        }
    }

    /** The service's ledger, counting a round's calls and failing the first {@code settleFailures} settles. */
    private static final class ObservedLedger implements MatchLedger {
        private final MatchLedger ledger;
        private int settleFailures;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger settles = new AtomicInteger();
        final AtomicInteger largestRead = new AtomicInteger();

        ObservedLedger(MatchLedger ledger, int settleFailures) {
            this.ledger = ledger;
            this.settleFailures = settleFailures;
        }

        @Override
        public Optional<Map<String, List<LedgerEntry>>> forPostings(Map<String, ? extends Collection<String>> seekersOfPostings,
                                                                    int limit) {
            reads.incrementAndGet();
            Optional<Map<String, List<LedgerEntry>>> read = ledger.forPostings(seekersOfPostings, limit);
            read.ifPresent(entries -> largestRead.accumulateAndGet(entries.values().stream().mapToInt(List::size).sum(), Math::max));
            return read;
        }

        @Override
        public List<LedgerEntry> forSeeker(String seekerId, Collection<String> postingIds, Predicate<String> alsoRead) {
            reads.incrementAndGet();
            return ledger.forSeeker(seekerId, postingIds, alsoRead);
        }

        @Override
        public Optional<LedgerEntry> find(String matchId) {
            return ledger.find(matchId);
        }

        @Override
        public Claimed claim(List<Claim> claimed, List<Withdrawal> withdrawals, List<LedgerEntry> retold) {
            claims.incrementAndGet();
            return ledger.claim(claimed, withdrawals, retold);
        }

        @Override
        public void regroup(Map<String, List<String>> keyGroups) {
            ledger.regroup(keyGroups);
        }

        @Override
        public void settle(Claimed round) {
            settles.incrementAndGet();
            if (settleFailures > 0) {
                settleFailures--;
                throw new IllegalStateException("store away");
            }
            ledger.settle(round);
        }

        @Override
        public void dismiss(String matchId, String seekerId, String postingId, Instant at) {
            ledger.dismiss(matchId, seekerId, postingId, at);
        }

        @Override
        public void forget(String seekerId, Collection<LedgerEntry> pairs) {
            ledger.forget(seekerId, pairs);
        }

        @Override
        public Map<String, Map<String, Long>> activeCounts() {
            return ledger.activeCounts();
        }
    }
}
