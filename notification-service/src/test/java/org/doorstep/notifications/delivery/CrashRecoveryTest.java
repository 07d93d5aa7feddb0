package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.inbox.MatchFound;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A match.found whose first processing stopped half-way (process killed) is completed by its redelivery, once. */
@NotificationServiceTest
class CrashRecoveryTest {

    @LocalServerPort
    int port;

    @Autowired
    InboxStore inbox;

    @Autowired
    Feed feed;

    private MatchFound match(String seeker, String posting) {
        return Events.JSON.readValue(Events.matchFound(seeker, posting, "p", 0.8).toString(), MatchFound.class);
    }

    @Test
    void aMatchStoredButNotYetNotifiedIsNotifiedByTheRedelivery() {
        String seeker = Events.id();
        MatchFound match = match(seeker, "crash-1");
        // the first attempt got as far as the inbox, then the process died
        inbox.addIfAbsent(new InboxItem(match, Instant.now(), Instant.now().plus(Duration.ofDays(30)),
                Delivery.PENDING, null, null)).block();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "crash-1", "p", 0.8));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 1);
            assertThat(device.matchIdsOf("match.found")).containsExactly(match.matchId());
        }
    }

    @Test
    void aMatchAlreadyOnTheStreamButNotMarkedIsNotSentTwiceByTheRedelivery() {
        String seeker = Events.id();
        MatchFound match = match(seeker, "crash-2");
        // the first attempt appended to the feed, then died before marking the item
        inbox.addIfAbsent(new InboxItem(match, Instant.now(), Instant.now().plus(Duration.ofDays(30)),
                Delivery.PENDING, null, null)).block();
        FeedEvent first = feed.append(seeker, "found:" + match.matchId(), FeedEvent.MATCH_FOUND, match.matchId(),
                Events.JSON.writeValueAsString(match)).block();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "crash-2", "p", 0.8));
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "marker", "p", 0.8));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.matchIdsOf("match.found").contains("m-marker-" + seeker));
            assertThat(device.matchIdsOf("match.found")).containsExactly(match.matchId(), "m-marker-" + seeker);
            assertThat(device.ids().get(0)).isEqualTo(first.sequence());
        }
    }
}
