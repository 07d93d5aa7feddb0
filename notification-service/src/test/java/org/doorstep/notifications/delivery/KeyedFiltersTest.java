package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.MongoCommands;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.TestClock;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MongoDB-wire server answers from an index only a filter that is exactly {@code {_id}} or
 * {@code {_id: {$in}}}, or exactly the keys of a unique index ({@code $in} on a single-key one: the inbox's
 * {@code feedKey}); anything else scans the collection under its lock. This test records every
 * filter the service sends while matches are delivered, withdrawn, held and released, capped and
 * digested, streams are opened and resumed and an inbox is paged, and fails on any that is not keyed. The one exception
 * allowed is the expiry job's delete by {@code expiresAt}, which runs once per expiry interval.
 */
@NotificationServiceTest
class KeyedFiltersTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String FOUND = "org.doorstep.match.found.v1";
    private static final Set<String> DELIVERY_COLLECTIONS = Set.of("inbox", "feed", "feed_index", "push_counts",
            "preferences", "pending_deliveries", "stream_positions");

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    MongoCommands commands;

    @Autowired
    PreferencesStore preferences;

    @Autowired
    InboxStore inbox;

    @AfterEach
    void realTimeAgain() {
        commands.stop();
        clock.release();
    }

    private static Instant shanghai(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    private void found(String seeker, String posting) {
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, posting, "p", 0.8));
    }

    /** Replay reads the inbox items that carry match.found events by their unique, sparse feedKey. */
    private static boolean carriedEvents(MongoCommands.Sent sent) {
        return sent.collection().equals("inbox") && sent.command().equals("find") && sent.keyedBy("feedKey");
    }

    private static boolean expiryJob(MongoCommands.Sent sent) {
        return sent.command().equals("delete") && sent.filter().keySet().equals(Set.of("expiresAt"));
    }

    /** The match ids on every page of the seeker's inbox, one item a page. */
    private List<String> inboxPages(String seeker) {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        List<String> shown = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            JsonNode page = Events.JSON.readTree(http.get().uri(uri -> uri.path("/api/v1/me/matches").queryParam("limit", 1)
                            .queryParamIfPresent("cursor", Optional.ofNullable(after)).build())
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
            page.get("items").valueStream().forEach(item -> shown.add(item.get("matchId").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return shown;
    }

    @Test
    void deliveringHoldingReleasingDigestingAndStreamingSendOnlyKeyedFilters() {
        LocalDate today = LocalDate.now(SHANGHAI);
        clock.pin(shanghai(today, 23, 0));
        String plain = Events.id();
        String quiet = Events.id();
        String capped = Events.id();
        Seekers.preferences(quiet, 1, p -> p.putObject("quietHours")
                .put("start", "22:00").put("end", "07:00").put("zone", "Asia/Shanghai"));
        Seekers.preferences(capped, 1, p -> {
            p.put("maxPerDay", 1);
            p.putObject("digest").put("mode", "DAILY").put("at", "18:00").put("zone", "Asia/Shanghai");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> preferences.find(quiet).block().version() == 1
                && preferences.find(capped).block().version() == 1);

        commands.start();
        String resumeFrom;
        try (SseClient plainDevice = SseClient.connect(port, Tokens.seeker(plain));
             SseClient quietDevice = SseClient.connect(port, Tokens.seeker(quiet));
             SseClient cappedDevice = SseClient.connect(port, Tokens.seeker(capped))) {
            found(plain, "k1");
            found(plain, "k2");
            Events.send(Events.MATCHES, plain, "org.doorstep.match.withdrawn.v1", "s", Events.matchWithdrawn(plain, "k1", "p"));
            found(quiet, "k3");
            found(capped, "k4");
            found(capped, "k5");
            await().atMost(Duration.ofSeconds(20)).until(() -> plainDevice.events().size() == 3 && cappedDevice.events().size() == 1);
            // every match decided at 23:00 before the clock moves on (a read by _id, recorded like the rest)
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox.findAll(
                    List.of("m-k3-" + quiet, "m-k4-" + capped, "m-k5-" + capped)).block().size() == 3);
            resumeFrom = plainDevice.ids().getFirst().toString();
            assertThat(quietDevice.events()).isEmpty();

            clock.pin(shanghai(today.plusDays(1), 7, 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> quietDevice.events().size() == 1);
            clock.pin(shanghai(today.plusDays(1), 18, 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> cappedDevice.events().size() == 2);
            assertThat(cappedDevice.events().get(1).event()).isEqualTo("digest");
        }
        try (SseClient resumed = SseClient.resume(port, Tokens.seeker(plain), resumeFrom)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() == 2);
        }
        assertThat(inboxPages(capped)).as("the capped seeker's inbox, a page of one at a time").hasSize(2);

        List<MongoCommands.Sent> sent = commands.stop();
        assertThat(sent).as("the recorder saw the replay reads and the inbox pages")
                .anyMatch(s -> s.collection().equals("feed_index") && s.command().equals("find"))
                .anyMatch(s -> s.collection().equals("inbox") && s.command().equals("find") && s.keyed())
                .anyMatch(s -> s.collection().equals("inbox") && s.command().equals("find") && s.keyedBy("feedKey"));
        assertThat(sent.stream().filter(s -> DELIVERY_COLLECTIONS.contains(s.collection()))
                .filter(s -> !s.keyed() && !carriedEvents(s) && !expiryJob(s)).toList())
                .as("filters on the delivery collections that are not {_id}, {_id: {$in}} or the inbox's {feedKey: {$in}}")
                .isEmpty();
    }

    /**
     * A new seeker's preferences, and a change that still does not share with partners, are copied by {@code _id}
     * only: consent that was never given is not "withdrawn", so nothing searches the partner deliveries by seeker
     * (it did for every registration, a scan under the store's lock each).
     */
    @Test
    void copyingPreferencesThatNeverSharedWithPartnersSendsOnlyKeyedFilters() {
        String seeker = Events.id();
        commands.start();
        Seekers.preferences(seeker, 1, p -> p.put("minScore", 0.5));
        Seekers.preferences(seeker, 2, p -> p.put("minScore", 0.6));
        await().atMost(Duration.ofSeconds(20)).until(() -> preferences.find(seeker).block().version() == 2);

        List<MongoCommands.Sent> sent = commands.stop();
        assertThat(sent).as("the copy's reads and writes were recorded")
                .anyMatch(s -> s.collection().equals("preferences") && s.command().equals("update"));
        assertThat(sent.stream().filter(s -> s.filter().toJson().contains(seeker) && !s.keyed()).toList())
                .as("filters naming the seeker that are not {_id} or {_id: {$in}} (other tests' jobs may run meanwhile)")
                .isEmpty();
    }
}
