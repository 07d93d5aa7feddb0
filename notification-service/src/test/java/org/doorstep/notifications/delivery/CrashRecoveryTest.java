package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxChange;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch whose first processing stopped half-way (process killed after some of its writes) is
 * completed by its redelivery, and the seeker sees every match exactly once. The batches are handed
 * to {@link MatchDelivery} directly, on a partition number no real record uses, so that the state a
 * crash leaves behind can be set up exactly: after the feed (numbers listed, no inbox item), after the
 * inbox (stored, nothing pushed to the streams), and as the previous version left it (a feed entry with
 * the match JSON).
 */
@NotificationServiceTest
class CrashRecoveryTest {

    private static final int PARTITION = 97;
    private static final int JOB_PARTITION = 98;

    @LocalServerPort
    int port;

    @Autowired
    MatchDelivery delivery;

    @Autowired
    InboxStore inbox;

    @Autowired
    Feed feed;

    @Autowired
    PendingDeliveries pending;

    @Autowired
    StreamPositions positions;

    @Autowired
    ReactiveMongoTemplate mongo;

    private static MatchFound match(String seeker, String posting) {
        return Events.JSON.readValue(Events.matchFound(seeker, posting, "p", 0.8).toString(), MatchFound.class);
    }

    private static long offset(long base) {
        return base + (System.nanoTime() & 0xffff);
    }

    private static FeedEvent foundEvent(MatchFound match, long sequence) {
        return new FeedEvent(match.seekerId(), sequence, FeedEvent.MATCH_FOUND, match.matchId(),
                Events.JSON.writeValueAsString(match), Instant.now());
    }

    /** What the first attempt wrote for a match pushed live, up to its inbox write: nothing reached a stream. */
    private void storedNotPushed(MatchFound match, long sequence) {
        Instant now = Instant.now();
        InboxItem item = new InboxItem(match, now, now.plus(Duration.ofDays(30)), Delivery.LIVE, null, null, sequence);
        feed.appendAll(List.of(foundEvent(match, sequence)), List.of(item)).block();
        inbox.apply(List.of(new InboxChange.Put(item))).block();
    }

    /** A feed entry as the version before this layout wrote every event: the match JSON in the entry, listed by number. */
    private void previousVersionEntry(String seeker, long sequence, String type, String matchId, String data) {
        Instant at = Instant.now();
        Mono.from(mongo.getCollection("feed").block().insertOne(new Document("_id", seeker + "|" + String.format("%016x", sequence))
                .append("seekerId", seeker).append("seq", sequence).append("type", type).append("matchId", matchId)
                .append("data", data).append("at", Date.from(at)).append("expiresAt", Date.from(at.plus(Duration.ofDays(30))))))
                .block();
        Mono.from(mongo.getCollection("feed_index").block().updateOne(Filters.eq("_id", seeker),
                Updates.push("seqs", sequence), new UpdateOptions().upsert(true))).block();
    }

    @Test
    void numbersListedBeforeACrashAreNotReplayedUntilTheRedeliveryStoresTheirMatchesThenEachIsShownOnce() {
        String seeker = Events.id();
        MatchFound first = match(seeker, "listed-1");
        MatchFound second = match(seeker, "listed-2");
        long offset = offset(1_000_000L);
        List<MatchRecord> batch = List.of(new MatchRecord(PARTITION, offset, first),
                new MatchRecord(PARTITION, offset + 1, second));
        // the first attempt listed both numbers in the feed index, then the process died before the inbox write
        feed.appendAll(List.of(foundEvent(first, StreamPositions.ofRecord(offset)),
                foundEvent(second, StreamPositions.ofRecord(offset + 1))), List.of()).block();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.comments().isEmpty());
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> device.events().isEmpty());

            delivery.deliver(batch);
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 2);
            // and once more, as if the commit after the complete batch had been lost too
            delivery.deliver(batch);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> device.events().size() == 2);

            assertThat(device.matchIdsOf("match.found")).containsExactly(first.matchId(), second.matchId());
            assertThat(device.ids()).containsExactly(StreamPositions.ofRecord(offset), StreamPositions.ofRecord(offset + 1));
        }
        assertThat(inbox.findAll(List.of(first.matchId(), second.matchId())).block()).hasSize(2);
        assertThat(feed.after(seeker, -1).collectList().block()).extracting(FeedEvent::matchId)
                .containsExactly(first.matchId(), second.matchId());
    }

    @Test
    void matchesStoredButNotPushedBeforeACrashReachTheStreamsAlreadyOpenWhenTheRecordsComeAgain() {
        String seeker = Events.id();
        MatchFound first = match(seeker, "unpushed-1");
        MatchFound second = match(seeker, "unpushed-2");
        long offset = offset(3_000_000L);
        List<MatchRecord> batch = List.of(new MatchRecord(PARTITION, offset, first),
                new MatchRecord(PARTITION, offset + 1, second));
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.comments().isEmpty());
            // the first attempt wrote feed and inbox for the first match, then died before pushing to the streams
            storedNotPushed(first, StreamPositions.ofRecord(offset));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> device.events().isEmpty());

            delivery.deliver(batch);
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 2);
            delivery.deliver(batch);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> device.events().size() == 2);
            assertThat(device.matchIdsOf("match.found")).containsExactly(first.matchId(), second.matchId());
            assertThat(device.ids()).containsExactly(StreamPositions.ofRecord(offset), StreamPositions.ofRecord(offset + 1));
        }
        try (SseClient later = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> later.events().size() == 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> later.events().size() == 2);
            assertThat(later.matchIdsOf("match.found")).containsExactly(first.matchId(), second.matchId());
        }
    }

    @Test
    void aWithdrawalStoredButNotPushedBeforeACrashReachesTheOpenStreamOnceWhenTheRecordComesAgain() {
        String seeker = Events.id();
        MatchFound found = match(seeker, "withdrawn-1");
        long offset = offset(4_000_000L);
        MatchWithdrawn withdrawal = Events.JSON.readValue(Events.matchWithdrawn(seeker, "withdrawn-1", "p").toString(),
                MatchWithdrawn.class);
        List<MatchRecord> withdrawing = List.of(new MatchRecord(PARTITION, offset + 1, withdrawal));
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            delivery.deliver(List.of(new MatchRecord(PARTITION, offset, found)));
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 1);
            // the first attempt of the withdrawal stored its event and deleted the item, then died before pushing
            feed.appendAll(List.of(new FeedEvent(seeker, StreamPositions.ofRecord(offset + 1), FeedEvent.MATCH_WITHDRAWN,
                    withdrawal.matchId(), Events.JSON.writeValueAsString(withdrawal), Instant.now())), List.of()).block();
            inbox.apply(List.of(new InboxChange.Remove(found.matchId()))).block();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> device.events().size() == 1);

            delivery.deliver(withdrawing);
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 2);
            delivery.deliver(withdrawing);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> device.events().size() == 2);
            assertThat(device.events().stream().map(ServerSentEvent::event).toList())
                    .containsExactly("match.found", "match.withdrawn");
            assertThat(device.ids()).containsExactly(StreamPositions.ofRecord(offset), StreamPositions.ofRecord(offset + 1));
        }
    }

    @Test
    void aBatchHalfWrittenByThePreviousVersionIsCompletedOnceByItsRedelivery() {
        String seeker = Events.id();
        MatchFound first = match(seeker, "crash-1");
        MatchFound second = match(seeker, "crash-2");
        long offset = offset(5_000_000L);
        List<MatchRecord> batch = List.of(new MatchRecord(PARTITION, offset, first),
                new MatchRecord(PARTITION, offset + 1, second));
        // the previous version stored the feed entry of the first match (with its JSON), then the process died
        previousVersionEntry(seeker, StreamPositions.ofRecord(offset), FeedEvent.MATCH_FOUND, first.matchId(),
                Events.JSON.writeValueAsString(first));
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 1);

            delivery.deliver(batch);
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 2);
            delivery.deliver(batch);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> device.events().size() == 2);

            assertThat(device.matchIdsOf("match.found")).containsExactly(first.matchId(), second.matchId());
            assertThat(device.ids()).containsExactly(StreamPositions.ofRecord(offset), StreamPositions.ofRecord(offset + 1));
        }
        // the first match is now in the old entry and in its inbox item: replayed once
        assertThat(feed.after(seeker, -1).collectList().block()).extracting(FeedEvent::matchId)
                .containsExactly(first.matchId(), second.matchId());
    }

    @Test
    void aReleaseStoredButNotPushedBeforeACrashReachesTheOpenStreamOnceOnTheNextJobRun() {
        String seeker = Events.id();
        MatchFound held = match(seeker, "released");
        long reserved = StreamPositions.ofRecord(offset(6_000_000L)) + 1;
        Instant now = Instant.now();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.comments().isEmpty());
            // the job reserved a number for the release and wrote feed and inbox, then died before pushing and
            // before removing the waiting entry
            pending.save(List.of(new Pending(held.matchId(), seeker, JOB_PARTITION, Pending.Kind.HELD,
                    now.minusSeconds(60), now.minusSeconds(3600), reserved))).block();
            storedNotPushed(held, reserved);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> device.events().isEmpty());

            // the partition's next owner loads what waits there; its jobs complete the release
            positions.assigned(JOB_PARTITION, 0, 0);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> pending.ofPartition(JOB_PARTITION)
                        .filter(p -> p.matchId().equals(held.matchId())).count().block() == 0);
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> device.events().size() == 1);
            } finally {
                positions.revoked(List.of(JOB_PARTITION));
            }
            assertThat(device.matchIdsOf("match.found")).containsExactly(held.matchId());
            assertThat(device.ids()).containsExactly(reserved);
        }
        assertThat(inbox.findAll(List.of(held.matchId())).block().get(held.matchId()).delivery()).isEqualTo(Delivery.LIVE);
    }

    @Test
    void aDeviceThatMissedTheCrashResumesWithLastEventIdAndGetsTheRestOnce() {
        String seeker = Events.id();
        long offset = offset(2_000_000L);
        List<MatchRecord> batch = List.of(new MatchRecord(PARTITION, offset, match(seeker, "resume-1")),
                new MatchRecord(PARTITION, offset + 1, match(seeker, "resume-2")),
                new MatchRecord(PARTITION, offset + 2, match(seeker, "resume-3")));
        delivery.deliver(batch.subList(0, 1));
        String lastSeen;
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 1);
            lastSeen = device.lastId();
        }
        // the whole batch comes again after a crash: the first record was delivered already
        delivery.deliver(batch);
        try (SseClient again = SseClient.resume(port, Tokens.seeker(seeker), lastSeen)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> again.events().size() == 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> again.events().size() == 2);
            assertThat(again.matchIdsOf("match.found")).containsExactly("m-resume-2-" + seeker, "m-resume-3-" + seeker);
        }
    }

    @Test
    void theSameMatchArrivingTwiceOnTheTopicIsShownOnce() {
        String seeker = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "twice", "p", 0.8));
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "twice", "p", 0.8));
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "marker", "p", 0.8));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.matchIdsOf("match.found").contains("m-marker-" + seeker));
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-twice-" + seeker, "m-marker-" + seeker);
        }
    }
}
