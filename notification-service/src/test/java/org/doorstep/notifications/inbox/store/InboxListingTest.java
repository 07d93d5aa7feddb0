package org.doorstep.notifications.inbox.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.InboxChange;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxPage;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.match.MatchFound;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox pages list a seeker's items from their day indexes and read them by {@code _id}: what the index lists
 * but is not to be shown (dismissed, withdrawn, another attempt's entry) is passed over without shortening a page,
 * and items written before the indexes listed them are listed once at start-up.
 */
@NotificationServiceTest
class InboxListingTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    InboxStore inbox;

    @Autowired
    Feed feed;

    @Autowired
    InboxIndexes indexes;

    @Autowired
    ReactiveMongoTemplate mongo;

    private static InboxItem item(String seeker, int n) {
        MatchFound match = Events.JSON.readValue(Events.matchFound(seeker, "listing-" + n, "p", 0.8).toString(),
                MatchFound.class);
        Instant received = NOW.minusSeconds(1_000 - n);
        return new InboxItem(match, received, received.plus(Duration.ofDays(30)), Delivery.INBOX_ONLY, null, null);
    }

    private static List<InboxChange> puts(List<InboxItem> items) {
        return items.stream().<InboxChange>map(InboxChange.Put::new).toList();
    }

    private List<String> allPages(String seeker, int size) {
        List<String> shown = new ArrayList<>();
        String cursor = null;
        do {
            InboxPage page = inbox.page(seeker, cursor, size, NOW).block();
            assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
            page.items().forEach(item -> shown.add(item.match().postingId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return shown;
    }

    @Test
    void pagesPassOverWhatIsListedButNotToBeShownAndStayFull() {
        String seeker = Events.id();
        List<InboxItem> items = new ArrayList<>();
        for (int n = 0; n < 120; n++) {
            items.add(item(seeker, n));
        }
        feed.appendAll(List.of(), items).block();
        inbox.apply(puts(items)).block();
        // the 110 newest but one dismissed: a page of the rest reads past more than one read's worth of items
        for (int n = 10; n < 119; n++) {
            inbox.markFeedback(items.get(n).matchId(), "DISMISSED").block();
        }
        // a withdrawn item, and an entry of an attempt that did not write its item (another instant)
        inbox.apply(List.of(new InboxChange.Remove(items.get(3).matchId()))).block();
        InboxItem retried = item(seeker, 5);
        feed.appendAll(List.of(), List.of(new InboxItem(retried.match(), NOW.minusSeconds(1), retried.expiresAt(),
                Delivery.INBOX_ONLY, null, null))).block();
        feed.appendAll(List.of(), List.of(items.get(7))).block(); // listed twice

        List<String> expected = new ArrayList<>(List.of("listing-119"));
        for (int n = 9; n >= 0; n--) {
            if (n != 3) {
                expected.add("listing-" + n);
            }
        }
        assertThat(allPages(seeker, 2)).containsExactlyElementsOf(expected);
        assertThat(inbox.page(seeker, null, 4, NOW).block().items()).extracting(item -> item.match().postingId())
                .containsExactly("listing-119", "listing-9", "listing-8", "listing-7");
    }

    @Test
    void itemsWrittenBeforeTheDayIndexesAreListedOnceAtStartUp() {
        String seeker = Events.id();
        List<InboxItem> earlier = List.of(item(seeker, 1), item(seeker, 2));
        inbox.apply(puts(earlier)).block(); // as the version before wrote them: not listed
        assertThat(inbox.page(seeker, null, 10, NOW).block().items()).isEmpty();

        Mono.from(mongo.getCollection(InboxIndexes.MIGRATIONS).block()
                .deleteOne(Filters.eq("_id", InboxIndexes.ITEMS_LISTED))).block();
        assertThat(indexes.listEarlierItems().block()).isGreaterThanOrEqualTo(2);
        assertThat(allPages(seeker, 10)).containsExactly("listing-2", "listing-1");
        assertThat(indexes.listEarlierItems().block()).as("listed once: the marker is set").isEqualTo(-1);
    }
}
