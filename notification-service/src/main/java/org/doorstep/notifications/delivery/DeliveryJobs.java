package org.doorstep.notifications.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.preferences.NotificationPolicy;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The periodic work of delivery, for the partitions this instance owns, each under its partition's
 * lock: release held deliveries whose quiet hours ended, send due digests (both from the waiting set in
 * memory, reading and writing by {@code _id} only), and, once per {@code expiry-interval}, drop expired
 * items (the one query that is not keyed: bounded to a run per interval; a real MongoDB's TTL index does
 * this on its own, the wire server has no TTL monitor).
 */
@Component
class DeliveryJobs {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJobs.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int RELEASE_BATCH = 500;

    private final StreamPositions positions;
    private final DueDeliveries due;
    private final PendingDeliveries pending;
    private final DeliveryWrites writes;
    private final PreferencesStore preferences;
    private final InboxStore inbox;
    private final Feed feed;
    private final SeekerLocks locks;
    private final Clock clock;
    private final Duration expiryInterval;
    private Instant nextExpiry = Instant.MIN;

    DeliveryJobs(StreamPositions positions, DueDeliveries due, PendingDeliveries pending, DeliveryWrites writes,
                 PreferencesStore preferences, InboxStore inbox, Feed feed, SeekerLocks locks, Clock clock,
                 @Value("${doorstep.schedule.expiry-interval:PT1H}") Duration expiryInterval) {
        this.positions = positions;
        this.due = due;
        this.pending = pending;
        this.writes = writes;
        this.preferences = preferences;
        this.inbox = inbox;
        this.feed = feed;
        this.locks = locks;
        this.clock = clock;
        this.expiryInterval = expiryInterval;
    }

    @Scheduled(fixedDelayString = "${doorstep.schedule.interval}")
    void run() {
        for (int partition : positions.owned()) {
            try {
                positions.locked(List.of(partition), () -> {
                    if (positions.jobsMayRun(partition)) {
                        releaseHeld(partition);
                        sendDigests(partition);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("delivery jobs on partition {} failed, next run retries: {}", partition, e.toString());
            }
        }
        expireIfDue();
    }

    private void releaseHeld(int partition) {
        Instant now = clock.instant();
        List<Pending> held = due.heldDue(partition, now, RELEASE_BATCH);
        if (held.isEmpty()) {
            return;
        }
        Set<String> seekers = new LinkedHashSet<>();
        held.forEach(p -> seekers.add(p.seekerId()));
        locks.withAll(seekers, () -> {
            var read = Mono.zip(preferences.findAll(seekers),
                    inbox.findAll(held.stream().map(Pending::matchId).toList())).block(TIMEOUT);
            Map<String, InboxItem> items = read.getT2();
            DeliveryBatch batch = writes.newBatch(now, read.getT1(), items);
            batch.loadCounts(preferences.pushCounts(batch.dayKeys(seekers)).block(TIMEOUT));
            // stored before a crash: carried by the item (this version) or a feed entry (the previous one)
            Map<FeedEvent.Key, FeedEvent> entries = storedBefore(held);
            Set<String> stored = new HashSet<>();
            for (Pending p : held) {
                InboxItem item = items.get(p.matchId());
                if (entries.containsKey(keyOf(p)) || (item != null && item.carries(p.sequence()))) {
                    stored.add(p.matchId());
                }
            }
            List<Pending> fresh = held.stream().filter(p -> !stored.contains(p.matchId())).toList();
            OptionalLong first = positions.reserveJobSequences(partition, fresh.size());
            if (first.isEmpty() && !fresh.isEmpty()) {
                return null;
            }
            List<Pending> numbered = new ArrayList<>(fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                numbered.add(fresh.get(i).withSequence(first.getAsLong() + i));
            }
            // the number goes with the waiting entry before the event is written: a crash after the write reuses it
            pending.save(numbered).block(TIMEOUT);
            held.stream().filter(p -> stored.contains(p.matchId())).forEach(batch::releasedBefore);
            numbered.forEach(p -> batch.release(p, p.sequence()));
            writes.write(batch);
            return null;
        });
    }

    private void sendDigests(int partition) {
        Instant now = clock.instant();
        Map<String, List<Pending>> waiting = due.waitingForDigest(partition);
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, Preferences> prefs = preferences.findAll(waiting.keySet()).block(TIMEOUT);
        Map<String, List<Pending>> dueNow = new LinkedHashMap<>();
        Map<String, Instant> slots = new LinkedHashMap<>();
        waiting.forEach((seekerId, list) -> {
            Instant slot = NotificationPolicy.lastDigestSlot(prefs.get(seekerId), now);
            if (slot == null) {
                return;
            }
            List<Pending> eligible = list.stream().filter(p -> p.since().isBefore(slot)).toList();
            if (!eligible.isEmpty()) {
                dueNow.put(seekerId, eligible);
                slots.put(seekerId, slot);
            }
        });
        if (dueNow.isEmpty()) {
            return;
        }
        locks.withAll(dueNow.keySet(), () -> {
            List<String> matchIds = dueNow.values().stream().flatMap(List::stream).map(Pending::matchId).toList();
            Map<String, InboxItem> items = inbox.findAll(matchIds).block(TIMEOUT);
            DeliveryBatch batch = writes.newBatch(now, prefs, items);
            List<Pending> firstOfEach = dueNow.values().stream().map(List::getFirst).toList();
            Map<FeedEvent.Key, FeedEvent> stored = storedBefore(firstOfEach);
            List<String> fresh = dueNow.keySet().stream()
                    .filter(seekerId -> !stored.containsKey(keyOf(dueNow.get(seekerId).getFirst()))).toList();
            OptionalLong first = positions.reserveJobSequences(partition, fresh.size());
            if (first.isEmpty() && !fresh.isEmpty()) {
                return null;
            }
            Map<String, Long> sequences = new LinkedHashMap<>();
            List<Pending> numbered = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                long sequence = first.getAsLong() + i;
                sequences.put(fresh.get(i), sequence);
                dueNow.get(fresh.get(i)).forEach(p -> numbered.add(p.withSequence(sequence)));
            }
            pending.save(numbered).block(TIMEOUT);
            dueNow.forEach((seekerId, list) -> {
                Long sequence = sequences.get(seekerId);
                FeedEvent already = sequence == null ? stored.get(keyOf(list.getFirst())) : null;
                batch.digest(prefs.get(seekerId), list, slots.get(seekerId),
                        already != null ? already.sequence() : sequence, already);
            });
            writes.write(batch);
            return null;
        });
    }

    /** The feed entries stored before a crash for waiting entries that had their number reserved (usually none). */
    private Map<FeedEvent.Key, FeedEvent> storedBefore(List<Pending> entries) {
        List<FeedEvent.Key> keys = entries.stream().filter(p -> p.sequence() != null).map(DeliveryJobs::keyOf).toList();
        return feed.find(keys).block(TIMEOUT);
    }

    private static FeedEvent.Key keyOf(Pending p) {
        return new FeedEvent.Key(p.seekerId(), p.sequence() == null ? -1 : p.sequence());
    }

    private void expireIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextExpiry)) {
            return;
        }
        try {
            inbox.expire(now).block(TIMEOUT);
            feed.expire(now).block(TIMEOUT);
            nextExpiry = now.plus(expiryInterval);
        } catch (RuntimeException e) {
            log.warn("expiry failed, next run retries: {}", e.toString());
        }
    }
}
