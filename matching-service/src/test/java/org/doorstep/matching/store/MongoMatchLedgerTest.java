package org.doorstep.matching.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.doorstep.matching.MatchingServiceTest;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.matching.match.MatchLedger.Claim;
import org.doorstep.matching.match.MatchLedger.Withdrawal;
import org.doorstep.matching.match.WithdrawalReason;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.reactivestreams.client.MongoClient;

/** The ledger on the MongoDB-wire server: a trigger's claims in one write, revision guards, listings per posting and seeker. */
class MongoMatchLedgerTest extends MatchingServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @Autowired
    private MatchLedger ledger;

    @Autowired
    private MongoClient client;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String posting = "p-" + run;

    private String seeker(String name) {
        return name + "-" + run;
    }

    private String matchId(String seeker) {
        return MatchId.of(posting, seeker(seeker));
    }

    private LedgerEntry entry(String postingId, String seeker, int revision) {
        return new LedgerEntry(MatchId.of(postingId, seeker(seeker)), seeker(seeker), postingId, "partner-a", revision, 0.8,
                LedgerEntry.Status.ACTIVE, false, List.of("spring-drive"), List.of(), "CN-51", NOW);
    }

    private LedgerEntry entry(String seeker, int revision) {
        return entry(posting, seeker, revision);
    }

    private static Claim fresh(LedgerEntry entry) {
        return new Claim(entry, 0);
    }

    /** A round of claims only, settled: what a trigger that told these pairs leaves behind. */
    private Set<String> claim(Claim... claims) {
        MatchLedger.Claimed round = ledger.claim(List.of(claims), List.of(), List.of());
        ledger.settle(round);
        return round.matchIds();
    }

    private static Withdrawal withdrawal(LedgerEntry entry) {
        return new Withdrawal(entry, WithdrawalReason.POSTING_CLOSED, NOW);
    }

    @Test
    void claimingManyRecordsEachNewPairAndLeavesOutPairsRecordedBefore() {
        assertThat(claim(fresh(entry("s2", 1)))).containsExactly(matchId("s2"));

        var claimed = claim(fresh(entry("s1", 1)), fresh(entry("s2", 1)), fresh(entry("s3", 1)));

        assertThat(claimed).containsExactly(matchId("s1"), matchId("s3"));
        assertThat(ledger.forPosting(posting, Set.of())).extracting(LedgerEntry::seekerId)
                .containsExactlyInAnyOrder(seeker("s1"), seeker("s2"), seeker("s3"));
        assertThat(claim(fresh(entry("s1", 1)))).as("a second claim of the same pair").isEmpty();
    }

    @Test
    void aClaimAtAnOutdatedRevisionFailsAloneWhileTheOtherClaimsOfItsWriteLand() {
        claim(fresh(entry("s1", 1)), fresh(entry("s2", 1)));

        var claimed = claim(
                new Claim(entry("s1", 2), 1),
                new Claim(entry("s2", 4), 3),
                fresh(entry("s3", 1)));

        assertThat(claimed).containsExactly(matchId("s1"), matchId("s3"));
        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.revision()).isEqualTo(2));
        assertThat(ledger.find(matchId("s2"))).as("still at the revision someone else left it at")
                .hasValueSatisfying(e -> assertThat(e.revision()).isEqualTo(1));
    }

    @Test
    void aRoundsClaimsWithdrawalsAndRetoldPairsReadBackUnpublishedUntilItIsSettled() {
        claim(fresh(entry("s2", 1)), fresh(entry("s3", 1)));
        ledger.claim(List.of(fresh(entry("s4", 1))), List.of(), List.of()); // a round that never settled
        LedgerEntry retold = ledger.find(matchId("s4")).orElseThrow();

        MatchLedger.Claimed round = ledger.claim(List.of(fresh(entry("s1", 1))),
                List.of(withdrawal(entry("s2", 1)), withdrawal(entry("s3", 5))), List.of(retold));

        assertThat(ledger.forPosting(posting, Set.of())).as("before the settle")
                .extracting(LedgerEntry::seekerId, LedgerEntry::status, LedgerEntry::published)
                .containsExactlyInAnyOrder(tuple(seeker("s1"), LedgerEntry.Status.ACTIVE, false),
                        tuple(seeker("s2"), LedgerEntry.Status.WITHDRAWN, false),
                        tuple(seeker("s3"), LedgerEntry.Status.ACTIVE, true),
                        tuple(seeker("s4"), LedgerEntry.Status.ACTIVE, false));
        assertThat(ledger.find(matchId("s2"))).hasValueSatisfying(e -> assertThat(e.withdrawalReason())
                .isEqualTo(WithdrawalReason.POSTING_CLOSED));

        ledger.settle(round);

        assertThat(ledger.forPosting(posting, Set.of())).as("after; s3 was read at revision 5, which it never had")
                .extracting(LedgerEntry::seekerId, LedgerEntry::status, LedgerEntry::published)
                .containsExactlyInAnyOrder(tuple(seeker("s1"), LedgerEntry.Status.ACTIVE, true),
                        tuple(seeker("s2"), LedgerEntry.Status.WITHDRAWN, true),
                        tuple(seeker("s3"), LedgerEntry.Status.ACTIVE, true),
                        tuple(seeker("s4"), LedgerEntry.Status.ACTIVE, true));
    }

    @Test
    void anotherLedgerReadsARoundUnpublishedUntilItsLedgerSettlesIt() {
        MatchLedger.Claimed round = ledger.claim(List.of(fresh(entry("s1", 1))), List.of(), List.of());
        // another instance, or this one after a restart
        MatchLedger other = new MongoMatchLedger(new ReactiveMongoTemplate(client, "matching"));

        assertThat(other.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.published()).isFalse());
        ledger.settle(round);
        assertThat(other.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.published()).isTrue());
        assertThat(other.forPosting(posting, Set.of(seeker("s1")))).extracting(LedgerEntry::published).containsExactly(true);
    }

    @Test
    void aPairWhoseRoundWasNeverRecordedReadsUnpublished() {
        claim(fresh(entry("s1", 1)));
        // the claim's pair landed, its round's document did not
        mongo().getCollection(MongoMatchLedger.COLLECTION).flatMap(c -> reactor.core.publisher.Mono.from(c.updateOne(
                new Document("_id", matchId("s1")), new Document("$set", new Document("round", "round:lost-" + run)
                        .append("roundSeq", 1L))))).block();

        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.published()).isFalse());
    }

    @Test
    void readsAPollsManyPairsInQueriesOfBoundedSizeAndFindsEveryOne() {
        List<Claim> claims = new java.util.ArrayList<>();
        List<String> seekers = new java.util.ArrayList<>();
        for (int s = 0; s < 6_000; s++) {
            seekers.add(seeker("s" + s));
            claims.add(fresh(entry("s" + s, 1)));
        }
        claim(claims.toArray(Claim[]::new));

        // the listing, 6,000 pairs and their tombstones: 12,001 ids, more than one query takes
        assertThat(ledger.forPosting(posting, seekers)).extracting(LedgerEntry::seekerId)
                .hasSize(6_000).containsExactlyInAnyOrderElementsOf(seekers);
    }

    @Test
    void keepsASeekersListingInBucketsThatEachHoldAFewOfTheirPostings() {
        List<Claim> claims = new java.util.ArrayList<>();
        for (int p = 0; p < 64; p++) {
            claims.add(fresh(entry("p" + p + "-" + run, "s1", 1)));
        }
        claim(claims.toArray(Claim[]::new));

        List<Document> listings = mongo().findAll(Document.class, MongoMatchLedger.COLLECTION)
                .filter(d -> d.getString("_id").startsWith(SeekerListings.PREFIX + seeker("s1"))).collectList().block();
        assertThat(listings).hasSizeGreaterThan(SeekerListings.BUCKETS / 2)
                .allSatisfy(d -> assertThat(d.getList("postings", String.class)).hasSizeLessThan(16));
        assertThat(listings.stream().mapToInt(d -> d.getList("postings", String.class).size()).sum()).isEqualTo(64);
        assertThat(ledger.forSeeker(seeker("s1"), Set.of(), p -> true)).hasSize(64);
    }

    @Test
    void readsAndForgetsASeekersListingWrittenBeforeBuckets() {
        String other = "q-" + run;
        claim(fresh(entry("s1", 1)));
        // a pair recorded by the version before buckets: in the seeker's single listing
        mongo().insert(new Document("_id", MatchId.of(other, seeker("s1"))).append("seekerId", seeker("s1"))
                .append("postingId", other).append("revision", 1).append("status", "ACTIVE").append("published", true),
                MongoMatchLedger.COLLECTION).block();
        mongo().insert(new Document("_id", SeekerListings.unbucketed(seeker("s1"))).append("postings", List.of(other))
                .append("revision", 1), MongoMatchLedger.COLLECTION).block();

        List<LedgerEntry> pairs = ledger.forSeeker(seeker("s1"), Set.of(), p -> true);
        assertThat(pairs).extracting(LedgerEntry::postingId).containsExactlyInAnyOrder(posting, other);

        ledger.forget(seeker("s1"), pairs);
        assertThat(documentsNaming(seeker("s1"))).isEmpty();
    }

    @Test
    void aDismissalOutranksAClaimOrAWithdrawalDecidedAtTheRevisionReadBeforeIt() {
        claim(fresh(entry("s1", 1)), fresh(entry("s2", 1)));
        LedgerEntry readBefore = ledger.find(matchId("s1")).orElseThrow();

        ledger.dismiss(matchId("s1"), seeker("s1"), posting, NOW);
        ledger.dismiss(matchId("s2"), seeker("s2"), posting, NOW);

        assertThat(claim(new Claim(entry("s1", 2), readBefore.revision()))).isEmpty();
        ledger.settle(ledger.claim(List.of(), List.of(withdrawal(entry("s2", 1))), List.of()));
        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.DISMISSED));
        assertThat(ledger.find(matchId("s2"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.DISMISSED));
    }

    @Test
    void aPairDismissedBeforeItWasEverMatchedIsNeverClaimed() {
        ledger.dismiss(matchId("s1"), seeker("s1"), posting, NOW);

        assertThat(claim(fresh(entry("s1", 1)))).isEmpty();
        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.DISMISSED));
    }

    @Test
    void findsThePairsOfAPostingAndOfASeekerThroughTheirListings() {
        String other = "q-" + run;
        claim(fresh(entry("s1", 1)), fresh(entry("s2", 1)));
        claim(fresh(entry(other, "s1", 1)));

        assertThat(ledger.forPosting(posting, Set.of(seeker("s2"), seeker("s9")))).extracting(LedgerEntry::seekerId)
                .as("the pairs asked for that exist, and every other pair of the posting")
                .containsExactlyInAnyOrder(seeker("s1"), seeker("s2"));
        assertThat(ledger.forSeeker(seeker("s1"), Set.of(), p -> true)).extracting(LedgerEntry::postingId)
                .containsExactlyInAnyOrder(posting, other);
        assertThat(ledger.forSeeker(seeker("s1"), Set.of(), other::equals)).extracting(LedgerEntry::postingId)
                .as("only the listed postings the caller reads").containsExactly(other);
        assertThat(ledger.forPosting("never-" + run, Set.of())).isEmpty();
    }

    @Test
    void forgettingAnErasedSeekersPairsLeavesOnlyAnonymousTombstonesThatReadBackAsErased() {
        String other = "q-" + run;
        claim(fresh(withKeyGroup(entry("s1", 1))), fresh(entry("s2", 1)));
        claim(fresh(withKeyGroup(entry(other, "s1", 1))));
        ledger.dismiss(matchId("s1"), seeker("s1"), posting, NOW);
        assertThat(documentsNaming(seeker("s1"))).isNotEmpty();

        ledger.forget(seeker("s1"), ledger.forSeeker(seeker("s1"), Set.of(), p -> true));

        assertThat(documentsNaming(seeker("s1"))).as("documents that name the seeker, their matchIds included").isEmpty();
        assertThat(ledger.forPosting(posting, Set.of(seeker("s1"))))
                .as("the pair asked for reads back as erased; the posting lists only s2 now")
                .extracting(LedgerEntry::seekerId, LedgerEntry::status)
                .containsExactlyInAnyOrder(tuple(seeker("s1"), LedgerEntry.Status.ERASED), tuple(seeker("s2"), LedgerEntry.Status.ACTIVE));
        assertThat(ledger.forSeeker(seeker("s1"), Set.of(other), p -> true)).extracting(LedgerEntry::status)
                .containsExactly(LedgerEntry.Status.ERASED);
        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.ERASED));
        assertThat(documentsNaming(run)).as("this test's documents").isNotEmpty().noneMatch(d -> d.contains("DISABLED"));
    }

    @Test
    void keepsAnErasedSeekersListingUntilTheirLastPairIsForgotten() {
        String other = "q-" + run;
        claim(fresh(entry("s1", 1)), fresh(entry(other, "s1", 1)));
        List<LedgerEntry> pairs = ledger.forSeeker(seeker("s1"), Set.of(), p -> true);

        // another instance holds the other posting and forgets its pair when it reads the erasure
        ledger.forget(seeker("s1"), pairs.stream().filter(e -> e.postingId().equals(posting)).toList());
        assertThat(ledger.forSeeker(seeker("s1"), Set.of(), p -> true)).extracting(LedgerEntry::postingId).containsExactly(other);

        ledger.forget(seeker("s1"), pairs.stream().filter(e -> e.postingId().equals(other)).toList());
        assertThat(documentsNaming(seeker("s1"))).isEmpty();
        // forgetting again (a redelivered erasure) changes nothing
        ledger.forget(seeker("s1"), List.of());
        assertThat(ledger.forSeeker(seeker("s1"), Set.of(posting), p -> true)).extracting(LedgerEntry::status)
                .containsExactly(LedgerEntry.Status.ERASED);
    }

    private LedgerEntry withKeyGroup(LedgerEntry e) {
        return new LedgerEntry(e.matchId(), e.seekerId(), e.postingId(), e.partnerId(), e.revision(), e.score(), e.status(),
                e.published(), e.campaignCodes(), List.of("DISABLED"), e.regionCode(), e.updatedAt());
    }

    /** The ledger's documents (read over the wire) that hold the text, or the id without its dashes as a matchId does. */
    private List<String> documentsNaming(String text) {
        ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "matching");
        return mongo.findAll(Document.class, MongoMatchLedger.COLLECTION).map(Document::toJson)
                .filter(json -> json.contains(text) || json.contains(text.replace("-", "")))
                .collectList().block();
    }

    @Test
    void findsThePairsALedgerRecordedBeforeItKeptListingsAndTellsTheUnpublishedOnesAgain() {
        ReactiveMongoTemplate older = new ReactiveMongoTemplate(client, "matching-older-" + run);
        for (String seeker : List.of("s1", "s2")) {
            older.insert(new Document("_id", matchId(seeker)).append("seekerId", seeker(seeker)).append("postingId", posting)
                    .append("revision", 1).append("status", "ACTIVE").append("published", false), MongoMatchLedger.COLLECTION).block();
        }

        MatchLedger upgraded = new MongoMatchLedger(older);

        assertThat(upgraded.forPosting(posting, Set.of())).extracting(LedgerEntry::seekerId, LedgerEntry::published)
                .containsExactlyInAnyOrder(tuple(seeker("s1"), false), tuple(seeker("s2"), false));
        assertThat(upgraded.forSeeker(seeker("s1"), Set.of(), p -> true)).extracting(LedgerEntry::postingId)
                .containsExactly(posting);
        upgraded.settle(upgraded.claim(List.of(), List.of(withdrawal(entry("s2", 1))),
                List.of(upgraded.find(matchId("s1")).orElseThrow())));
        assertThat(upgraded.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.published()).isTrue());
        assertThat(upgraded.find(matchId("s2"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.WITHDRAWN));
    }

    @Test
    void movesTheSeekersSingleListingsOfAnEarlierLedgerIntoBucketsAtItsFirstStart() {
        ReactiveMongoTemplate older = new ReactiveMongoTemplate(client, "matching-unbucketed-" + run);
        List<String> postings = List.of("p1-" + run, "p2-" + run, "p3-" + run);
        for (String p : postings) {
            older.insert(new Document("_id", MatchId.of(p, seeker("s1"))).append("seekerId", seeker("s1")).append("postingId", p)
                    .append("revision", 1).append("status", "ACTIVE").append("published", true), MongoMatchLedger.COLLECTION).block();
        }
        older.insert(new Document("_id", SeekerListings.unbucketed(seeker("s1"))).append("postings", postings)
                .append("revision", 3), MongoMatchLedger.COLLECTION).block();
        older.insert(new Document("_id", ListingBackfill.LISTINGS).append("done", true), MongoMatchLedger.COLLECTION).block();

        MatchLedger upgraded = new MongoMatchLedger(older);

        List<String> ids = older.findAll(Document.class, MongoMatchLedger.COLLECTION).map(d -> d.getString("_id"))
                .filter(id -> id.startsWith(SeekerListings.PREFIX)).collectList().block();
        assertThat(ids).doesNotContain(SeekerListings.unbucketed(seeker("s1"))).isNotEmpty()
                .allSatisfy(id -> assertThat(id).startsWith(SeekerListings.unbucketed(seeker("s1")) + ":"));
        assertThat(upgraded.forSeeker(seeker("s1"), Set.of(), p -> true)).extracting(LedgerEntry::postingId)
                .containsExactlyInAnyOrderElementsOf(postings);
    }

    private ReactiveMongoTemplate mongo() {
        return new ReactiveMongoTemplate(client, "matching");
    }
}
