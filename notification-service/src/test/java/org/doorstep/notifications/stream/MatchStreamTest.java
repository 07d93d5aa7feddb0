package org.doorstep.notifications.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.inbox.FeedBroadcast;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.LiveFeed;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class MatchStreamTest {

    private static final String FOUND = "org.doorstep.match.found.v1";
    private static final String WITHDRAWN = "org.doorstep.match.withdrawn.v1";

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.doorstep.notifications.inbox.Feed feed;

    @org.springframework.beans.factory.annotation.Autowired
    LiveFeed live;

    @org.springframework.beans.factory.annotation.Autowired
    FeedBroadcast broadcast;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

    private void found(String seeker, String posting) {
        Events.send(Events.MATCHES, seeker, FOUND, "m-" + posting + "-" + seeker,
                Events.matchFound(seeker, posting, "partner-" + seeker, 0.8));
    }

    @Test
    void deliversEachMatchAsAnEventWithTheMatchJsonAndAnIncreasingId() {
        String seeker = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            found(seeker, "p1");
            found(seeker, "p2");
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 2);
            assertThat(device.events()).allSatisfy(event -> assertThat(event.event()).isEqualTo("match.found"));
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-p1-" + seeker, "m-p2-" + seeker);
            assertThat(device.ids()).isSorted().doesNotHaveDuplicates();
            var data = Events.JSON.readTree(device.events().get(0).data());
            assertThat(data.get("seekerId").asString()).isEqualTo(seeker);
            assertThat(data.get("postingId").asString()).isEqualTo("p1");
            assertThat(data.get("score").asDouble()).isEqualTo(0.8);
            assertThat(data.get("posting").get("title").asString()).startsWith("Java backend developer");
            assertThat(data.get("reasons").size()).isEqualTo(2);
        }
    }

    @Test
    void resumingWithLastEventIdReplaysExactlyWhatWasMissedThenContinuesLive() {
        String seeker = Events.id();
        String token = Tokens.seeker(seeker);
        String lastSeen;
        try (SseClient first = SseClient.connect(port, token)) {
            IntStream.rangeClosed(1, 3).forEach(i -> found(seeker, "before-" + i));
            await().atMost(Duration.ofSeconds(20)).until(() -> first.events().size() == 3);
            lastSeen = first.lastId();
        }
        // disconnected: these happen while no device listens
        IntStream.rangeClosed(1, 4).forEach(i -> found(seeker, "during-" + i));
        try (SseClient again = SseClient.resume(port, token, lastSeen)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> again.events().size() == 4);
            IntStream.rangeClosed(1, 2).forEach(i -> found(seeker, "after-" + i));
            await().atMost(Duration.ofSeconds(20)).until(() -> again.events().size() == 6);
            List<String> expected = new ArrayList<>();
            IntStream.rangeClosed(1, 4).forEach(i -> expected.add("m-during-" + i + "-" + seeker));
            IntStream.rangeClosed(1, 2).forEach(i -> expected.add("m-after-" + i + "-" + seeker));
            assertThat(again.matchIdsOf("match.found")).containsExactlyElementsOf(expected);
            assertThat(again.ids()).isSorted().doesNotHaveDuplicates().allMatch(id -> id > Long.parseLong(lastSeen));
        }
    }

    /** A Last-Event-ID this stream never issued (stale, foreign) held back every event until the ids passed it. */
    @Test
    void aLastEventIdBeyondAnyIssuedStartsTheStreamAfreshInsteadOfSilencingIt() {
        String seeker = Events.id();
        String token = Tokens.seeker(seeker);
        try (SseClient first = SseClient.connect(port, token)) {
            found(seeker, "known");
            await().atMost(Duration.ofSeconds(20)).until(() -> first.events().size() == 1);
        }
        try (SseClient fromTheFuture = SseClient.resume(port, token, "999999999999999")) {
            found(seeker, "next");
            // as a new stream: what is retained, then what comes
            await().atMost(Duration.ofSeconds(20)).until(() -> fromTheFuture.events().size() == 2);
            assertThat(fromTheFuture.matchIdsOf("match.found")).containsExactly("m-known-" + seeker, "m-next-" + seeker);
        }
    }

    /** A partner's edit re-told by matching (revision 2) updated the inbox but never reached an open stream. */
    @Test
    void aNewerRevisionOfALiveMatchReachesTheOpenStreamAndAReconnectReplaysOnlyTheNewest() {
        String seeker = Events.id();
        String token = Tokens.seeker(seeker);
        var edited = Events.matchFound(seeker, "edited", "partner-" + seeker, 0.8);
        edited.put("revision", 2);
        ((tools.jackson.databind.node.ObjectNode) edited.get("posting")).put("title", "Senior welder");
        try (SseClient device = SseClient.connect(port, token)) {
            found(seeker, "edited");
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 1);
            Events.send(Events.MATCHES, seeker, FOUND, "m-edited-" + seeker, edited);
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 2);
            var newer = Events.JSON.readTree(device.events().get(1).data());
            assertThat(newer.get("matchId").asString()).isEqualTo("m-edited-" + seeker);
            assertThat(newer.get("revision").asInt()).isEqualTo(2);
            assertThat(newer.get("posting").get("title").asString()).isEqualTo("Senior welder");
            assertThat(device.ids()).isSorted().doesNotHaveDuplicates();
        }
        try (SseClient again = SseClient.resume(port, token, "0")) {
            found(seeker, "next");
            await().atMost(Duration.ofSeconds(20)).until(() -> again.matchIdsOf("match.found").contains("m-next-" + seeker));
            assertThat(again.matchIdsOf("match.found")).containsExactly("m-edited-" + seeker, "m-next-" + seeker);
            assertThat(Events.JSON.readTree(again.events().getFirst().data()).get("revision").asInt()).isEqualTo(2);
        }
    }

    @Test
    void everyDeviceOfTheSeekerReceivesEveryEvent() {
        String seeker = Events.id();
        String token = Tokens.seeker(seeker);
        try (SseClient phone = SseClient.connect(port, token); SseClient tablet = SseClient.connect(port, token)) {
            IntStream.rangeClosed(1, 3).forEach(i -> found(seeker, "multi-" + i));
            await().atMost(Duration.ofSeconds(20)).until(() -> phone.events().size() == 3 && tablet.events().size() == 3);
            assertThat(phone.ids()).isEqualTo(tablet.ids());
            assertThat(phone.matchIdsOf("match.found")).isEqualTo(tablet.matchIdsOf("match.found"));
        }
    }

    @Test
    void withdrawalArrivesAsItsOwnEventType() {
        String seeker = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            found(seeker, "w1");
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 1);
            Events.send(Events.MATCHES, seeker, WITHDRAWN, "m-w1-" + seeker,
                    Events.matchWithdrawn(seeker, "w1", "partner-" + seeker));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 2);
            assertThat(device.events().get(1).event()).isEqualTo("match.withdrawn");
            assertThat(device.matchIdsOf("match.withdrawn")).containsExactly("m-w1-" + seeker);
            assertThat(Long.parseLong(device.events().get(1).id())).isGreaterThan(Long.parseLong(device.events().get(0).id()));
        }
    }

    @Test
    void anEventStoredByAnotherInstanceReachesThisInstancesStreamsThroughTheBroadcastTopic() {
        String seeker = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.comments().isEmpty());
            // what another instance does: store the event, then broadcast it; this instance's consumer never sees it
            String data = "{\"matchId\":\"m-elsewhere\",\"seekerId\":\"" + seeker + "\"}";
            storeAsAnInstanceDoes(new FeedEvent(seeker, 42L << 20, "match.found", "m-elsewhere", data, Instant.now()));
            var wire = Events.JSON.createObjectNode().put("seekerId", seeker).put("sequence", 42L << 20)
                    .put("type", "match.found").put("matchId", "m-elsewhere").put("data", data)
                    .put("atMillis", System.currentTimeMillis());
            Events.send("doorstep.notification-feed.v1", seeker, null, null, wire);
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 1);
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-elsewhere");
            assertThat(device.ids()).containsExactly(42L << 20);
        }
    }

    @Test
    void anotherInstancesEventArrivesWithItsSequenceAndThisInstancesOwnCopyIsNotPushedAgain() {
        String seeker = Events.id();
        List<FeedEvent> pushed = new CopyOnWriteArrayList<>();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker));
             LiveFeed.Listener listener = live.listen(seeker)) {
            Disposable counting = listener.events().subscribe(pushed::add);
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.comments().isEmpty());
            // stored by this instance: what its consumer does (store, push to its own streams, broadcast, acked)
            FeedEvent mine = new FeedEvent(seeker, 7L << 20, "match.found", "m-here",
                    "{\"matchId\":\"m-here\",\"seekerId\":\"" + seeker + "\"}", Instant.now());
            storeAsAnInstanceDoes(mine);
            live.publish(List.of(mine));
            broadcast.publish(List.of(mine));
            // stored by instance A, then broadcast with A's header; same key, so on the topic after the own copy
            FeedEvent theirs = new FeedEvent(seeker, 9L << 20, "match.found", "m-elsewhere",
                    "{\"matchId\":\"m-elsewhere\",\"seekerId\":\"" + seeker + "\"}", Instant.now());
            storeAsAnInstanceDoes(theirs);
            var wire = Events.JSON.createObjectNode().put("seekerId", seeker).put("sequence", theirs.sequence())
                    .put("type", theirs.type()).put("matchId", theirs.matchId()).put("data", theirs.data())
                    .put("atMillis", theirs.at().toEpochMilli());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("doorstep.notification-feed.v1", seeker,
                    Events.JSON.writeValueAsBytes(wire));
            record.headers().add("doorstep-instance", "instance-a".getBytes(StandardCharsets.UTF_8));
            Events.send(record);

            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 2
                    && pushed.stream().anyMatch(event -> event.sequence() == theirs.sequence()));
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-here", "m-elsewhere");
            assertThat(device.ids()).containsExactly(7L << 20, 9L << 20);
            // the own copy was read back from the topic before A's event, and skipped: each event reached the
            // instance's listeners exactly once (the stream's own de-duplication would hide a second push)
            assertThat(pushed).extracting(FeedEvent::sequence).containsExactly(7L << 20, 9L << 20);
            counting.dispose();
        }
    }

    /**
     * What an instance stores before it broadcasts a match.found: the feed lists its number, and the match's inbox item
     * carries it ({@code feedKey}); the broadcast only names it, and a stream is sent the stored copy.
     */
    private void storeAsAnInstanceDoes(FeedEvent event) {
        feed.appendAll(List.of(event), List.of()).block();
        mongo.save(new org.bson.Document("_id", event.matchId()).append("seekerId", event.seekerId()).append("match", event.data())
                .append("feedKey", event.seekerId() + "|" + String.format("%016x", event.sequence()))
                .append("receivedAt", java.util.Date.from(event.at()))
                .append("expiresAt", java.util.Date.from(event.at().plus(Duration.ofDays(1)))), "inbox").block();
    }

    @Test
    void anErasedSeekersOpenStreamsEndHereAndOnEveryOtherInstanceAndAReconnectIsRefused() {
        String here = Events.id();
        String elsewhere = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(here));
             SseClient other = SseClient.connect(port, Tokens.seeker(elsewhere))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.comments().isEmpty() && !other.comments().isEmpty());
            // erased through this instance's consumer
            Seekers.erased(here);
            await().atMost(Duration.ofSeconds(20)).until(device::ended);
            assertThat(other.ended()).isFalse();

            // erased by another instance: it stores the marker, then broadcasts the erasure; this instance's consumer
            // never sees it
            mongo.save(new org.bson.Document("_id", elsewhere).append("version", Long.MAX_VALUE).append("erased", true), "preferences").block();
            var wire = Events.JSON.createObjectNode().put("seekerId", elsewhere).put("sequence", 0)
                    .put("type", "seeker.erased").put("atMillis", System.currentTimeMillis());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("doorstep.notification-feed.v1", elsewhere,
                    Events.JSON.writeValueAsBytes(wire));
            record.headers().add("doorstep-instance", "instance-a".getBytes(StandardCharsets.UTF_8));
            Events.send(record);
            await().atMost(Duration.ofSeconds(20)).until(other::ended);
        }
        try (SseClient again = SseClient.connect(port, Tokens.seeker(here))) {
            await().atMost(Duration.ofSeconds(10)).until(again::ended);
            assertThat(again.events()).isEmpty();
            assertThat(again.comments()).isEmpty();
        }
    }

    @Test
    void idleStreamsGetHeartbeatComments() {
        String seeker = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> device.comments().stream()
                    .filter(comment -> "heartbeat".equals(comment.comment())).count() >= 2);
            assertThat(device.events()).isEmpty();
        }
    }

    @Test
    void aSeekerNeverSeesAnotherSeekersMatches() {
        String alice = Events.id();
        String bob = Events.id();
        try (SseClient aliceDevice = SseClient.connect(port, Tokens.seeker(alice))) {
            found(bob, "bobs");
            found(alice, "alices");
            await().atMost(Duration.ofSeconds(20)).until(() -> aliceDevice.events().size() == 1);
            assertThat(aliceDevice.matchIdsOf("match.found")).containsExactly("m-alices-" + alice);
        }
    }
}
