package org.doorstep.notifications.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.TestClock;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a seeker's feed events are stored: a match pushed live only in its inbox item (the feed lists its
 * number), withdrawals and digests as feed entries, the numbers in one index document per seeker and day;
 * and a feed written by the version that stored every event with its JSON in {@code feed} (and all numbers
 * in one index document per seeker) replays as it was after an upgrade in place.
 */
@NotificationServiceTest
class FeedStorageTest {

    private static final String FOUND = "org.doorstep.match.found.v1";
    private static final String WITHDRAWN = "org.doorstep.match.withdrawn.v1";

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.release();
    }

    @Autowired
    ReactiveMongoTemplate mongo;

    private List<Document> all(String collection, String field, Object value) {
        return Flux.from(mongo.getCollection(collection).block().find(Filters.eq(field, value))).collectList().block();
    }

    @Test
    void aMatchPushedLiveIsStoredOnlyInItsInboxItemAndReplaysFromItAsItWasPushed() {
        String seeker = Events.id();
        List<ServerSentEvent<String>> live;
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "once-1", "p", 0.8));
            Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "once-2", "p", 0.8));
            Events.send(Events.MATCHES, seeker, WITHDRAWN, "s", Events.matchWithdrawn(seeker, "once-1", "p"));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 3);
            live = device.events();
        }

        // the withdrawal is the seeker's one feed entry; the live match is in its inbox item, with its event's key
        assertThat(all("feed", "seekerId", seeker)).extracting(doc -> doc.getString("type")).containsExactly("match.withdrawn");
        List<Document> items = all("inbox", "seekerId", seeker);
        assertThat(items).extracting(doc -> doc.getString("_id")).containsExactly("m-once-2-" + seeker);
        assertThat(items.getFirst().getString("feedKey")).isEqualTo(seeker + "|" + String.format("%016x", Long.parseLong(live.get(1).id())));
        // all three numbers listed in the seeker's index document of the day (nothing in the previous layout's)
        assertThat(indexDays(seeker).stream().mapToInt(doc -> doc.getList("seqs", Number.class).size()).sum()).isEqualTo(3);
        assertThat(indexDays(seeker)).extracting(doc -> doc.getString("_id")).allMatch(id -> id.startsWith(seeker + "|"));

        try (SseClient later = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> later.events().size() == 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> later.events().size() == 2);
            // the withdrawn match is no longer replayed (its item is gone); the other exactly as it was pushed
            assertThat(later.events()).extracting(ServerSentEvent::id).containsExactly(live.get(1).id(), live.get(2).id());
            assertThat(later.events()).extracting(ServerSentEvent::event).containsExactly("match.found", "match.withdrawn");
            assertThat(later.events().get(0).data()).isEqualTo(live.get(1).data());
            assertThat(later.events().get(1).data()).isEqualTo(live.get(2).data());
        }
    }

    @Autowired
    Feed feed;

    /** What the broadcast follower reads for the events another instance claims: one lookup by key, many seekers. */
    @Test
    void theEventsOfSeveralSeekersAreReadByTheirKeysWhereverTheyAreStored() {
        String first = Events.id();
        String second = Events.id();
        List<ServerSentEvent<String>> firstLive;
        List<ServerSentEvent<String>> secondLive;
        try (SseClient one = SseClient.connect(port, Tokens.seeker(first));
             SseClient two = SseClient.connect(port, Tokens.seeker(second))) {
            Events.send(Events.MATCHES, first, FOUND, "s", Events.matchFound(first, "keys-1", "p", 0.8));
            Events.send(Events.MATCHES, second, FOUND, "s", Events.matchFound(second, "keys-2", "p", 0.8));
            Events.send(Events.MATCHES, second, FOUND, "s", Events.matchFound(second, "keys-3", "p", 0.8));
            Events.send(Events.MATCHES, second, WITHDRAWN, "s", Events.matchWithdrawn(second, "keys-3", "p"));
            await().atMost(Duration.ofSeconds(20)).until(() -> one.events().size() == 1 && two.events().size() == 3);
            firstLive = one.events();
            secondLive = two.events();
        }
        FeedEvent.Key firstFound = key(first, firstLive.get(0));
        FeedEvent.Key secondFound = key(second, secondLive.get(0));
        FeedEvent.Key withdrawnItem = key(second, secondLive.get(1));
        FeedEvent.Key withdrawal = key(second, secondLive.get(2));
        FeedEvent.Key otherSeekers = key(first, secondLive.get(0));

        Map<FeedEvent.Key, FeedEvent> stored = feed.stored(List.of(firstFound, secondFound, withdrawnItem, withdrawal,
                otherSeekers)).block(Duration.ofSeconds(10));

        // a live match from its inbox item, a withdrawal from its feed entry; a withdrawn item is gone, and a key
        // names its own seeker's events only
        assertThat(stored).containsOnlyKeys(firstFound, secondFound, withdrawal);
        assertThat(stored.get(firstFound).data()).isEqualTo(firstLive.get(0).data());
        assertThat(stored.get(secondFound).data()).isEqualTo(secondLive.get(0).data());
        assertThat(stored.get(withdrawal).type()).isEqualTo("match.withdrawn");
    }

    private static FeedEvent.Key key(String seekerId, ServerSentEvent<String> event) {
        return new FeedEvent.Key(seekerId, Long.parseLong(event.id()));
    }

    @Test
    void aFeedWrittenByThePreviousVersionReplaysAsItWasFollowedByWhatThisVersionStores() {
        String seeker = Events.id();
        String oldFound = Events.matchFound(seeker, "old-1", "p", 0.8).toString();
        String oldWithdrawn = Events.matchWithdrawn(seeker, "old-2", "p").toString();
        // below every record's number on the shared test topic, so the new match comes after them
        long first = 1;
        long second = 2;
        previousVersionEntry(seeker, first, "match.found", "m-old-1-" + seeker, oldFound);
        previousVersionEntry(seeker, second, "match.withdrawn", "m-old-2-" + seeker, oldWithdrawn);

        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 2);
            assertThat(device.ids()).containsExactly(first, second);
            assertThat(device.events()).extracting(ServerSentEvent::data).containsExactly(oldFound, oldWithdrawn);
            Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "new-1", "p", 0.8));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 3);
        }
        try (SseClient resumed = SseClient.resume(port, Tokens.seeker(seeker), Long.toString(first))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() == 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> resumed.events().size() == 2);
            assertThat(resumed.events()).extracting(ServerSentEvent::event).containsExactly("match.withdrawn", "match.found");
            assertThat(resumed.matchIdsOf("match.found")).containsExactly("m-new-1-" + seeker);
        }
    }

    @Test
    void aSeekersNumbersAreIndexedPerDaySoAPushRewritesOnlyThatDaysDocumentAndOldDaysExpire() {
        String seeker = Events.id();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        clock.pin(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "day-1", "p", 0.8));
        await().atMost(Duration.ofSeconds(20)).until(() -> indexDays(seeker).size() == 1);
        clock.pin(day.plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC));
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "day-2", "p", 0.8));
        await().atMost(Duration.ofSeconds(20)).until(() -> indexDays(seeker).size() == 2);
        assertThat(indexDays(seeker)).extracting(doc -> doc.getString("_id"))
                .containsExactlyInAnyOrder(seeker + "|" + day, seeker + "|" + day.plusDays(1));
        assertThat(indexDays(seeker)).allMatch(doc -> doc.getList("seqs", Number.class).size() == 1);

        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> device.events().size() == 2);
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-day-1-" + seeker, "m-day-2-" + seeker);
        }
        // past the retention of both days: the expiry job removes the index days with the items
        clock.pin(day.plusDays(40).atTime(12, 0).toInstant(ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(20)).until(() -> indexDays(seeker).isEmpty());
    }

    @Test
    void anErasedSeekersFeedEntriesAndIndexDaysArePurged() {
        String seeker = Events.id();
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "gone-1", "p", 0.8));
        Events.send(Events.MATCHES, seeker, WITHDRAWN, "s", Events.matchWithdrawn(seeker, "gone-1", "p"));
        await().atMost(Duration.ofSeconds(20)).until(() -> all("feed", "seekerId", seeker).size() == 1
                && indexDays(seeker).stream().mapToInt(doc -> doc.getList("seqs", Number.class).size()).sum() == 2);
        Seekers.erased(seeker);
        await().atMost(Duration.ofSeconds(20)).until(() -> all("feed", "seekerId", seeker).isEmpty() && indexDays(seeker).isEmpty());
    }

    /** The seeker's index documents (one per UTC day; read with a regular expression here, never by the service). */
    private List<Document> indexDays(String seeker) {
        return Flux.from(mongo.getCollection("feed_index").block()
                .find(Filters.regex("_id", "^" + java.util.regex.Pattern.quote(seeker)))).collectList().block();
    }

    /** What the previous version wrote for every event: an entry with the JSON, its number pushed to the index. */
    private void previousVersionEntry(String seeker, long sequence, String type, String matchId, String data) {
        Instant at = Instant.now();
        Mono.from(mongo.getCollection("feed").block().insertOne(new Document("_id", seeker + "|" + String.format("%016x", sequence))
                .append("seekerId", seeker).append("seq", sequence).append("type", type).append("matchId", matchId)
                .append("data", data).append("at", Date.from(at)).append("expiresAt", Date.from(at.plus(Duration.ofDays(30))))))
                .block();
        Mono.from(mongo.getCollection("feed_index").block().updateOne(Filters.eq("_id", seeker),
                Updates.push("seqs", sequence), new UpdateOptions().upsert(true))).block();
    }
}
