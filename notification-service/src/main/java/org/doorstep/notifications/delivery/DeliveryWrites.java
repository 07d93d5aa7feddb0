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
import org.doorstep.notifications.inbox.InboxSettings;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.inbox.LiveFeed;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what a {@link DeliveryBatch} decided, one bulk write keyed by {@code _id} per collection, in
 * the order that makes a crash at any point repeat nothing visible: waiting deliveries and feed events
 * first (both idempotent by key), then the inbox (which is what tells a redelivery "done"), then the push
 * counts and the settled waiting entries. Then, and only then, the events go to the open streams.
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

    DeliveryWrites(InboxStore inbox, Feed feed, PendingDeliveries pending, PreferencesStore preferences,
                   DueDeliveries due, LiveFeed live, FeedBroadcast broadcast, List<LiveChannel> channels,
                   List<PartnerChannel> partners, JsonMapper json, InboxSettings settings) {
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
        Mono.when(pending.save(waiting), feed.appendAll(batch.feedEvents())).block(TIMEOUT);
        inbox.apply(batch.inboxChanges()).block(TIMEOUT);
        Mono.when(preferences.savePushCounts(batch.changedCounts()), pending.remove(batch.settled().keySet()))
                .block(TIMEOUT);
        due.put(waiting);
        Map<Integer, List<String>> settled = new HashMap<>();
        batch.settled().forEach((matchId, partition) -> settled.computeIfAbsent(partition, p -> new ArrayList<>()).add(matchId));
        settled.forEach(due::remove);

        for (DeliveryBatch.PartnerNotice notice : batch.partnerNotices()) {
            for (PartnerChannel partner : partners) {
                if (notice.found() != null) {
                    partner.found(notice.found(), notice.preferences());
                } else {
                    partner.withdrawn(notice.withdrawn(), notice.preferences());
                }
            }
        }
        live.publish(batch.feedEvents());
        broadcast.publish(batch.feedEvents());
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
