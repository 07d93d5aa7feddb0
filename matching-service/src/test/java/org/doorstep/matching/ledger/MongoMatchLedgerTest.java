package org.doorstep.matching.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.matching.MatchingServiceTest;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchLedger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ledger's batch writes on the MongoDB-wire server: one insert for many pairs, one update marking them told. */
class MongoMatchLedgerTest extends MatchingServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @Autowired
    private MatchLedger ledger;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private LedgerEntry entry(String seekerId, int revision) {
        return new LedgerEntry("p-" + run + ":" + seekerId, seekerId, "p-" + run, "partner-a", revision, 0.8,
                LedgerEntry.Status.ACTIVE, false, List.of("spring-drive"), List.of(), "CN-51", NOW);
    }

    @Test
    void claimingManyRecordsEachNewPairAndLeavesOutPairsRecordedBefore() {
        assertThat(ledger.claim(entry("s2", 1), 0)).isTrue();

        var claimed = ledger.claimNew(List.of(entry("s1", 1), entry("s2", 1), entry("s3", 1)));

        assertThat(claimed).containsExactly("p-" + run + ":s1", "p-" + run + ":s3");
        assertThat(ledger.forPosting("p-" + run)).extracting(LedgerEntry::seekerId)
                .containsExactlyInAnyOrder("s1", "s2", "s3");
        assertThat(ledger.claimNew(List.of(entry("s1", 1)))).as("a second claim of the same pair").isEmpty();
    }

    @Test
    void markingPublishedFlipsOnlyTheRevisionThatWasPublished() {
        ledger.claimNew(List.of(entry("s1", 1), entry("s2", 1)));

        ledger.markPublished(Map.of("p-" + run + ":s1", 1, "p-" + run + ":s2", 7));

        assertThat(ledger.find("p-" + run + ":s1")).hasValueSatisfying(e -> assertThat(e.published()).isTrue());
        assertThat(ledger.find("p-" + run + ":s2")).as("revision 7 was never recorded")
                .hasValueSatisfying(e -> assertThat(e.published()).isFalse());
    }
}
