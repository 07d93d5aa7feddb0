package org.doorstep.notifications.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Delivers a batch of match records (one poll) with a fixed number of round trips, whatever its size:
 * keyed reads (inbox items and preferences in parallel, then today's push counts, all by {@code _id $in}),
 * every decision in memory, then bulk writes keyed by {@code _id} in the order {@link DeliveryWrites}
 * explains: waiting deliveries and feed, inbox, push to the streams, push counts. A redelivered record finds
 * its inbox item and changes nothing (its stored event goes to the streams again, which drop what they
 * have sent); one whose inbox write was lost is decided again and lists the same number, taken from the
 * record's offset: the seeker sees nothing twice. Blocking by design: runs on the Kafka consumer threads.
 */
@Service
public class MatchDelivery {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final DeliveryWrites writes;
    private final PreferencesStore preferences;
    private final org.doorstep.notifications.inbox.InboxStore inbox;
    private final Feed feed;
    private final StreamPositions positions;
    private final SeekerLocks locks;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer batchTimer;
    private final BatchSteps steps;

    MatchDelivery(DeliveryWrites writes, PreferencesStore preferences, org.doorstep.notifications.inbox.InboxStore inbox,
                  Feed feed, StreamPositions positions, SeekerLocks locks, Clock clock, MeterRegistry meters, BatchSteps steps) {
        this.steps = steps;
        this.writes = writes;
        this.feed = feed;
        this.preferences = preferences;
        this.inbox = inbox;
        this.positions = positions;
        this.locks = locks;
        this.clock = clock;
        this.meters = meters;
        // count, sum and max only: client-side percentiles need HdrHistogram, which is not on the service's classpath
        this.batchTimer = Timer.builder("doorstep.notifications.batch").description("one batch of match records, read to pushed")
                .register(meters);
    }

    public void deliver(List<MatchRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Set<Integer> partitions = new HashSet<>();
        Set<String> seekers = new LinkedHashSet<>();
        for (MatchRecord record : records) {
            partitions.add(record.partition());
            seekers.add(record.event().seekerId());
        }
        positions.locked(partitions, () -> locks.withAll(seekers, () -> {
            steps.time("locked", () -> deliverLocked(records, seekers));
            return null;
        }));
        batchTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        meters.counter("doorstep.notifications.records").increment(records.size());
    }

    private void deliverLocked(List<MatchRecord> records, Set<String> seekers) {
        Set<String> matchIds = new LinkedHashSet<>();
        records.forEach(record -> matchIds.add(record.event().matchId()));
        var read = steps.time("read", () -> Mono.zip(preferences.findAll(seekers), inbox.findAll(matchIds)).block(TIMEOUT));
        DeliveryBatch batch = writes.newBatch(clock.instant(), read.getT1(), read.getT2());
        batch.loadCounts(steps.time("read-counts", () -> preferences.pushCounts(batch.dayKeys(seekers)).block(TIMEOUT)));
        batch.loadStored(feed.find(withdrawalsWithoutItem(records, read.getT2())).block(TIMEOUT));
        Map<Integer, Long> lastOffsets = new LinkedHashMap<>();
        steps.time("decide", () -> decide(records, batch, lastOffsets));
        writes.write(batch);
        lastOffsets.forEach(positions::processed);
        batch.outcomes().forEach((outcome, n) -> meters.counter("doorstep.notifications.matches", "outcome", outcome)
                .increment(n));
    }

    private static void decide(List<MatchRecord> records, DeliveryBatch batch, Map<Integer, Long> lastOffsets) {
        for (MatchRecord record : records) {
            switch (record.event()) {
                case MatchFound found -> batch.found(found, record.json(), record.partition(),
                        StreamPositions.ofRecord(record.offset()));
                case MatchWithdrawn withdrawn -> batch.withdrawn(withdrawn, record.partition(),
                        StreamPositions.ofRecord(record.offset()));
            }
            lastOffsets.merge(record.partition(), record.offset(), Math::max);
        }
    }

    /**
     * The feed keys of withdrawals whose inbox item is gone: if this record deleted it before a crash, its
     * event is stored and must reach the streams again (usually none: one keyed read only when there are).
     */
    private static List<FeedEvent.Key> withdrawalsWithoutItem(List<MatchRecord> records, Map<String, ?> items) {
        List<FeedEvent.Key> keys = new ArrayList<>();
        for (MatchRecord record : records) {
            if (record.event() instanceof MatchWithdrawn withdrawn && !items.containsKey(withdrawn.matchId())) {
                keys.add(new FeedEvent.Key(withdrawn.seekerId(), StreamPositions.ofRecord(record.offset())));
            }
        }
        return keys;
    }

    /** The events of the batch in the order they were written; for tests and figures. */
    static List<FeedEvent> eventsOf(DeliveryBatch batch) {
        return new ArrayList<>(batch.feedEvents());
    }
}
