package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.inbox.MatchFound;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch whose first processing stopped half-way (process killed after some of its writes) is
 * completed by its redelivery, and the seeker sees every match exactly once. The batches are handed
 * to {@link MatchDelivery} directly, on a partition number no real record uses, so that the state a
 * crash leaves behind can be set up exactly.
 */
@NotificationServiceTest
class CrashRecoveryTest {

    private static final int PARTITION = 97;

    @LocalServerPort
    int port;

    @Autowired
    MatchDelivery delivery;

    @Autowired
    InboxStore inbox;

    @Autowired
    Feed feed;

    private static MatchFound match(String seeker, String posting) {
        return Events.JSON.readValue(Events.matchFound(seeker, posting, "p", 0.8).toString(), MatchFound.class);
    }

    @Test
    void recordsRedeliveredAfterAHalfWrittenBatchProduceNoDuplicateInboxItemOrStreamEvent() {
        String seeker = Events.id();
        MatchFound first = match(seeker, "crash-1");
        MatchFound second = match(seeker, "crash-2");
        long offset = 1_000_000L + (System.nanoTime() & 0xffff);
        List<MatchRecord> batch = List.of(new MatchRecord(PARTITION, offset, first),
                new MatchRecord(PARTITION, offset + 1, second));
        // the first attempt stored the feed event of the first match, then the process died (no inbox write, no push)
        feed.appendAll(List.of(new FeedEvent(seeker, StreamPositions.ofRecord(offset), FeedEvent.MATCH_FOUND,
                first.matchId(), Events.JSON.writeValueAsString(first), Instant.now()))).block();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 1);

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
    void aDeviceThatMissedTheCrashResumesWithLastEventIdAndGetsTheRestOnce() {
        String seeker = Events.id();
        long offset = 2_000_000L + (System.nanoTime() & 0xffff);
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
