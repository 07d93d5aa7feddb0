package org.doorstep.matching.ledger;

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

    @Test
    void claimingManyRecordsEachNewPairAndLeavesOutPairsRecordedBefore() {
        assertThat(ledger.claim(List.of(fresh(entry("s2", 1))))).containsExactly(matchId("s2"));

        var claimed = ledger.claim(List.of(fresh(entry("s1", 1)), fresh(entry("s2", 1)), fresh(entry("s3", 1))));

        assertThat(claimed).containsExactly(matchId("s1"), matchId("s3"));
        assertThat(ledger.forPosting(posting, Set.of())).extracting(LedgerEntry::seekerId)
                .containsExactlyInAnyOrder(seeker("s1"), seeker("s2"), seeker("s3"));
        assertThat(ledger.claim(List.of(fresh(entry("s1", 1))))).as("a second claim of the same pair").isEmpty();
    }

    @Test
    void aClaimAtAnOutdatedRevisionFailsAloneWhileTheOtherClaimsOfItsWriteLand() {
        ledger.claim(List.of(fresh(entry("s1", 1)), fresh(entry("s2", 1))));

        var claimed = ledger.claim(List.of(
                new Claim(entry("s1", 2), 1),
                new Claim(entry("s2", 4), 3),
                fresh(entry("s3", 1))));

        assertThat(claimed).containsExactly(matchId("s1"), matchId("s3"));
        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.revision()).isEqualTo(2));
        assertThat(ledger.find(matchId("s2"))).as("still at the revision someone else left it at")
                .hasValueSatisfying(e -> assertThat(e.revision()).isEqualTo(1));
    }

    @Test
    void settlingMarksOnlyThePublishedRevisionAndWithdrawsOnlyAtTheRevisionRead() {
        ledger.claim(List.of(fresh(entry("s1", 1)), fresh(entry("s2", 1)), fresh(entry("s3", 1)), fresh(entry("s4", 1))));

        ledger.settle(Map.of(matchId("s1"), 1, matchId("s2"), 7), List.of(entry("s3", 1), entry("s4", 5)), NOW);

        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.published()).isTrue());
        assertThat(ledger.find(matchId("s2"))).as("revision 7 was never recorded")
                .hasValueSatisfying(e -> assertThat(e.published()).isFalse());
        assertThat(ledger.find(matchId("s3"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.WITHDRAWN));
        assertThat(ledger.find(matchId("s4"))).as("read at revision 5, which it never had")
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.ACTIVE));
    }

    @Test
    void aDismissalOutranksAClaimOrAWithdrawalDecidedAtTheRevisionReadBeforeIt() {
        ledger.claim(List.of(fresh(entry("s1", 1)), fresh(entry("s2", 1))));
        LedgerEntry readBefore = ledger.find(matchId("s1")).orElseThrow();

        ledger.dismiss(matchId("s1"), seeker("s1"), posting, NOW);
        ledger.dismiss(matchId("s2"), seeker("s2"), posting, NOW);

        assertThat(ledger.claim(List.of(new Claim(entry("s1", 2), readBefore.revision())))).isEmpty();
        ledger.settle(Map.of(), List.of(entry("s2", 1)), NOW);
        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.DISMISSED));
        assertThat(ledger.find(matchId("s2"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.DISMISSED));
    }

    @Test
    void aPairDismissedBeforeItWasEverMatchedIsNeverClaimed() {
        ledger.dismiss(matchId("s1"), seeker("s1"), posting, NOW);

        assertThat(ledger.claim(List.of(fresh(entry("s1", 1))))).isEmpty();
        assertThat(ledger.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.DISMISSED));
    }

    @Test
    void findsThePairsOfAPostingAndOfASeekerThroughTheirListings() {
        String other = "q-" + run;
        ledger.claim(List.of(fresh(entry("s1", 1)), fresh(entry("s2", 1))));
        ledger.claim(List.of(fresh(entry(other, "s1", 1))));

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
        ledger.claim(List.of(fresh(withKeyGroup(entry("s1", 1))), fresh(entry("s2", 1))));
        ledger.claim(List.of(fresh(withKeyGroup(entry(other, "s1", 1)))));
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
        ledger.claim(List.of(fresh(entry("s1", 1)), fresh(entry(other, "s1", 1))));
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
    void findsThePairsALedgerRecordedBeforeItKeptListings() {
        ReactiveMongoTemplate older = new ReactiveMongoTemplate(client, "matching-older-" + run);
        for (String seeker : List.of("s1", "s2")) {
            older.insert(new Document("_id", matchId(seeker)).append("seekerId", seeker(seeker)).append("postingId", posting)
                    .append("revision", 1).append("status", "ACTIVE").append("published", false), MongoMatchLedger.COLLECTION).block();
        }

        MatchLedger upgraded = new MongoMatchLedger(older);

        assertThat(upgraded.forPosting(posting, Set.of())).extracting(LedgerEntry::seekerId)
                .containsExactlyInAnyOrder(seeker("s1"), seeker("s2"));
        assertThat(upgraded.forSeeker(seeker("s1"), Set.of(), p -> true)).extracting(LedgerEntry::postingId)
                .containsExactly(posting);
        upgraded.settle(Map.of(matchId("s1"), 1), List.of(entry("s2", 1)), NOW);
        assertThat(upgraded.find(matchId("s1"))).hasValueSatisfying(e -> assertThat(e.published()).isTrue());
        assertThat(upgraded.find(matchId("s2"))).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(LedgerEntry.Status.WITHDRAWN));
    }
}
