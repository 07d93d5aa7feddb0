package org.doorstep.notifications.inbox.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bson.Document;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.InboxChange;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.match.MatchFound;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's new inbox items are inserted, not upserted; an item that appeared after the batch read the inbox (another
 * instance wrote it around a rebalance) ends as the batch's item all the same, with the seeker's feedback kept, and
 * the batch's other writes are done.
 */
@NotificationServiceTest
class InboxWritesTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    InboxStore inbox;

    @Autowired
    ReactiveMongoTemplate mongo;

    private static InboxItem item(String seeker, String posting, Delivery delivery) {
        MatchFound match = Events.JSON.readValue(Events.matchFound(seeker, posting, "p", 0.8).toString(), MatchFound.class);
        return new InboxItem(match, NOW, NOW.plus(Duration.ofDays(30)), delivery, null, null);
    }

    private Document stored(String matchId) {
        return mongo.findById(matchId, Document.class, MongoInboxStore.COLLECTION).block();
    }

    @Test
    void newItemsAreWrittenAndOneThatAppearedMeanwhileEndsAsTheBatchsItemWithItsFeedbackKept() {
        String seeker = Events.id();
        InboxItem raced = item(seeker, "raced-" + seeker, Delivery.INBOX_ONLY);
        InboxItem fresh = item(seeker, "fresh-" + seeker, Delivery.LIVE);
        // another writer got there first, and the seeker has already given feedback on it
        inbox.apply(List.of(new InboxChange.Put(raced))).block();
        inbox.markFeedback(raced.matchId(), "APPLIED").block();

        InboxItem decided = raced.with(Delivery.LIVE, null);
        inbox.apply(List.of(new InboxChange.Put(decided, null, true), new InboxChange.Put(fresh, null, true))).block();

        assertThat(stored(raced.matchId())).containsEntry("delivery", "LIVE")
                .containsEntry("feedback", "APPLIED");
        assertThat(stored(fresh.matchId())).containsEntry("delivery", "LIVE").containsEntry("seekerId", seeker);
        assertThat(inbox.findAll(List.of(raced.matchId(), fresh.matchId())).block()).containsOnlyKeys(raced.matchId(), fresh.matchId());
    }
}
