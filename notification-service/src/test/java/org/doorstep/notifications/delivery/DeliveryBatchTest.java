package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxChange;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.doorstep.notifications.preferences.Preferences;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions of one batch, in memory: what a match record brings is passed on as it came. */
class DeliveryBatchTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final JsonMapper json = JsonMapper.builder().build();

    private static MatchFound match() {
        return match(1);
    }

    private static MatchFound match(int revision) {
        return new MatchFound("m-1", "s-1", "p-1", revision, 0.8, List.of(),
                new MatchFound.PostingSummary("partner-1", "EXT-1", "Welder", null, null, null, null),
                List.of(), "posting", "2026-12-03T09:59:59Z");
    }

    @Test
    void aLiveMatchCarriesTheRecordsJsonAsItCameToTheStreamAndTheInbox() {
        String asPublished = "{ \"matchId\": \"m-1\", \"seekerId\": \"s-1\", \"postingId\": \"p-1\", \"revision\": 1 }";
        DeliveryBatch batch = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of(), Map.of());

        batch.found(match(), asPublished, 0, 42);

        assertThat(batch.feedEvents()).singleElement().satisfies(event -> {
            assertThat(event.sequence()).isEqualTo(42);
            assertThat(event.data()).isSameAs(asPublished);
        });
        assertThat(batch.inboxChanges()).singleElement().isInstanceOfSatisfying(InboxChange.Put.class, put -> {
            assertThat(put.matchJson()).isSameAs(asPublished);
            assertThat(put.created()).as("new: may be inserted").isTrue();
        });
    }

    @Test
    void aNewerRevisionOfAStoredItemIsAnUpdateNotANewItem() {
        InboxItem live = new InboxItem(match(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), Delivery.LIVE, null,
                null, 41L);
        DeliveryBatch batch = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of(), Map.of("m-1", live));

        batch.found(match(2), null, 0, 43);

        assertThat(batch.inboxChanges()).singleElement().isInstanceOfSatisfying(InboxChange.Put.class, put -> {
            assertThat(put.item().match().revision()).isEqualTo(2);
            assertThat(put.created()).isFalse();
        });
    }

    @Test
    void aNewerRevisionOfALiveMatchGoesToTheStreamsUnderTheRecordsNumberWithoutAMobilePush() {
        InboxItem live = new InboxItem(match(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), Delivery.LIVE, null,
                null, 41L);
        DeliveryBatch batch = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of(), Map.of("m-1", live));

        batch.found(match(2), null, 0, 43);

        assertThat(batch.feedEvents()).singleElement().satisfies(event -> {
            assertThat(event.sequence()).isEqualTo(43);
            assertThat(event.type()).isEqualTo(FeedEvent.MATCH_FOUND);
            assertThat(json.readTree(event.data()).path("revision").asInt()).isEqualTo(2);
        });
        assertThat(batch.inboxChanges()).singleElement().isInstanceOfSatisfying(InboxChange.Put.class,
                put -> assertThat(put.item().carries(43L)).isTrue());
        assertThat(batch.liveNotices()).isEmpty();
    }

    @Test
    void theRedeliveryOfAReToldRecordTellsTheSameEventAgainAndNothingElse() {
        InboxItem retold = new InboxItem(match(2), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), Delivery.LIVE,
                null, null, 43L);
        DeliveryBatch batch = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of(), Map.of("m-1", retold));

        batch.found(match(2), null, 0, 43);

        assertThat(batch.feedEvents()).singleElement().extracting(FeedEvent::sequence).isEqualTo(43L);
        assertThat(batch.inboxChanges()).isEmpty();
    }

    @Test
    void aNewerRevisionOfAMatchKeptForTheInboxOnlyTellsNoStream() {
        InboxItem quiet = new InboxItem(match(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), Delivery.INBOX_ONLY,
                null, null, null);
        DeliveryBatch batch = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of(), Map.of("m-1", quiet));

        batch.found(match(2), null, 0, 43);

        assertThat(batch.feedEvents()).isEmpty();
        assertThat(batch.inboxChanges()).singleElement().isInstanceOfSatisfying(InboxChange.Put.class,
                put -> assertThat(put.item().match().revision()).isEqualTo(2));
    }

    @Test
    void theWithdrawalOfAnErasedSeekersMatchRemovesTheItemAndTellsNoStream() {
        InboxItem live = new InboxItem(match(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), Delivery.LIVE, null,
                null, 41L);
        MatchWithdrawn withdrawal = new MatchWithdrawn("m-1", "s-1", "p-1", "partner-1", "SEEKER_ERASED", NOW.toString());
        DeliveryBatch erased = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of("s-1", Preferences.erased("s-1")),
                Map.of("m-1", live));
        DeliveryBatch known = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of(), Map.of("m-1", live));

        erased.withdrawn(withdrawal, 0, 42);
        known.withdrawn(withdrawal, 0, 42);

        assertThat(erased.feedEvents()).isEmpty();
        assertThat(erased.inboxChanges()).singleElement().isInstanceOf(InboxChange.Remove.class);
        assertThat(known.feedEvents()).singleElement().extracting(FeedEvent::type).isEqualTo(FeedEvent.MATCH_WITHDRAWN);
    }

    @Test
    void withoutTheRecordsJsonTheMatchIsWrittenOnceForBoth() {
        DeliveryBatch batch = new DeliveryBatch(json, NOW, Duration.ofDays(30), Map.of(), Map.of());

        batch.found(match(), null, 0, 42);

        String data = batch.feedEvents().getFirst().data();
        assertThat(json.readTree(data).path("posting").path("title").asString()).isEqualTo("Welder");
        assertThat(batch.inboxChanges()).singleElement().isInstanceOfSatisfying(InboxChange.Put.class,
                put -> assertThat(put.matchJson()).isSameAs(data));
    }
}
