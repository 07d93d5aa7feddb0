package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedBroadcast;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxProperties;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.inbox.LiveFeed;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import org.doorstep.notifications.operator.OperatorFeed;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what a {@link DeliveryBatch} decided, in an order that makes a crash at any point repeat nothing the
 * seeker sees and lose nothing they should see; every write is a bulk write keyed by {@code _id}:
 * <ol>
 * <li>in parallel, the waiting deliveries and the feed: entries for the events no inbox item carries
 *     (withdrawals, digests), and in the seekers' day indexes the numbers of all events and the items the batch
 *     creates, which the inbox pages list from (all idempotent by key or deduplicated when read);</li>
 * <li>the inbox, which is what tells a redelivery "done": a match pushed live carries its event's number here,
 *     so a match is stored once, and replay sends a listed number only once its item or entry is stored;</li>
 * <li>the events go to this instance's open streams and, with the broker's ack, to the other instances';</li>
 * <li>in parallel, the push counts, the removal of the waiting entries that were settled, and the closure of the
 *     postings whose matches were withdrawn as closed, or found again, on the applications to them
 *     ({@link PostingClosures}).</li>
 * </ol>
 * Why this order: a crash before (2) leaves numbers listed whose events are stored nowhere yet (not
 * replayed); the redelivery decides again and writes the same numbers (a duplicate is replayed once). The
 * inbox item of a held match is written only after its waiting entry, and a withdrawal deletes the item only
 * after its event is stored, because the redelivery of a record whose item is written changes nothing.
 * A crash after (2) and before (3) leaves stored events that no open stream may have received: the record's
 * redelivery, or the next job run over the waiting entries that (4) did not remove, hands them to the
 * streams again ({@link DeliveryBatch}), which drop a sequence they have sent. A crash between (3) and (4)
 * lets one live push more through the daily cap than configured (an undercount, never a repeat). Mobile
 * pushes, partner notices and the operators' live feed go last, once.
 */
@Component
class DeliveryWrites {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final InboxStore inbox;
    private final Feed feed;
    private final PendingDeliveries pending;
    private final PreferencesStore preferences;
    private final DueDeliveries due;
    private final LiveFeed live;
    private final FeedBroadcast broadcast;
    private final List<LiveChannel> channels;
    private final List<PartnerChannel> partners;
    private final JsonMapper json;
    private final Duration itemTtl;
    private final BatchSteps steps;
    private final OperatorFeed operators;
    private final PostingClosures closures;

    DeliveryWrites(InboxStore inbox, Feed feed, PendingDeliveries pending, PreferencesStore preferences,
                   DueDeliveries due, LiveFeed live, FeedBroadcast broadcast, List<LiveChannel> channels,
                   List<PartnerChannel> partners, JsonMapper json, InboxProperties settings, BatchSteps steps,
                   OperatorFeed operators, PostingClosures closures) {
        this.steps = steps;
        this.closures = closures;
        this.operators = operators;
        this.inbox = inbox;
        this.feed = feed;
        this.pending = pending;
        this.preferences = preferences;
        this.due = due;
        this.live = live;
        this.broadcast = broadcast;
        this.channels = channels;
        this.partners = partners;
        this.json = json;
        this.itemTtl = settings.itemTtl();
    }

    DeliveryBatch newBatch(Instant now, Map<String, Preferences> prefs, Map<String, InboxItem> stored) {
        return new DeliveryBatch(json, now, itemTtl, prefs, stored);
    }

    void write(DeliveryBatch batch) {
        List<Pending> waiting = new ArrayList<>(batch.waiting());
        steps.time("feed", () -> Mono.when(pending.save(waiting), feed.appendAll(batch.feedEvents(), batch.createdItems())).block(TIMEOUT));
        steps.time("inbox", () -> inbox.apply(batch.inboxChanges()).block(TIMEOUT));
        steps.time("live", () -> live.publish(batch.feedEvents()));
        steps.time("broadcast", () -> broadcast.publish(batch.feedEvents()));
        steps.time("counts", () -> Mono.when(preferences.savePushCounts(batch.changedCounts()),
                pending.remove(batch.settled().keySet()), closures.changed(batch.closures())).block(TIMEOUT));
        due.put(waiting);
        Map<Integer, List<String>> settled = new HashMap<>();
        batch.settled().forEach((matchId, partition) -> settled.computeIfAbsent(partition, p -> new ArrayList<>()).add(matchId));
        settled.forEach(due::remove);

        steps.time("partners", () -> tellPartners(batch));
        steps.time("channels", () -> tellChannels(batch));
        steps.time("operators", () -> operators.published(batch.decisions()));
    }

    private void tellPartners(DeliveryBatch batch) {
        for (DeliveryBatch.PartnerNotice notice : batch.partnerNotices()) {
            for (PartnerChannel partner : partners) {
                if (notice.found() != null) {
                    partner.found(notice.found(), notice.preferences());
                } else {
                    partner.withdrawn(notice.withdrawn(), notice.preferences());
                }
            }
        }
    }

    private void tellChannels(DeliveryBatch batch) {
        for (DeliveryBatch.LiveNotice notice : batch.liveNotices()) {
            for (LiveChannel channel : channels) {
                if (notice.match() != null) {
                    channel.found(notice.preferences(), notice.match(), notice.event());
                } else {
                    channel.digest(notice.preferences(), notice.event(), notice.count());
                }
            }
        }
    }
}
