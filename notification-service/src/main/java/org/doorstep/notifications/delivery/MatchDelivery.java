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
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.MatchFound;
import org.doorstep.notifications.inbox.MatchWithdrawn;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.stereotype.Service;

/**
 * Delivers a batch of match records (one poll) with a fixed number of round trips, whatever its size:
 * three keyed reads (inbox items, preferences, today's push counts, all by {@code _id $in}), every
 * decision in memory, then one bulk write keyed by {@code _id} per collection, in an order that makes a
 * crash half-way harmless: waiting deliveries, feed, inbox, push counts. A redelivered record finds its
 * inbox item and changes nothing; one whose inbox write was lost is decided again and its feed event,
 * numbered from the record's offset, is a duplicate key: the seeker sees nothing twice. Only then are
 * the events pushed to open streams (this instance's at once, the others' through the broadcast).
 * Blocking by design: runs on the Kafka consumer threads.
 */
@Service
public class MatchDelivery {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final DeliveryWrites writes;
    private final PreferencesStore preferences;
    private final org.doorstep.notifications.inbox.InboxStore inbox;
    private final StreamPositions positions;
    private final SeekerLocks locks;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer batchTimer;

    MatchDelivery(DeliveryWrites writes, PreferencesStore preferences, org.doorstep.notifications.inbox.InboxStore inbox,
                  StreamPositions positions, SeekerLocks locks, Clock clock, MeterRegistry meters) {
        this.writes = writes;
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
            deliverLocked(records, seekers);
            return null;
        }));
        batchTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        meters.counter("doorstep.notifications.records").increment(records.size());
    }

    private void deliverLocked(List<MatchRecord> records, Set<String> seekers) {
        Set<String> matchIds = new LinkedHashSet<>();
        records.forEach(record -> matchIds.add(record.event().matchId()));
        Map<String, Preferences> prefs = preferences.findAll(seekers).block(TIMEOUT);
        DeliveryBatch batch = writes.newBatch(clock.instant(), prefs,
                inbox.findAll(matchIds).block(TIMEOUT));
        batch.loadCounts(preferences.pushCounts(batch.dayKeys(seekers)).block(TIMEOUT));
        Map<Integer, Long> lastOffsets = new LinkedHashMap<>();
        for (MatchRecord record : records) {
            switch (record.event()) {
                case MatchFound found -> batch.found(found, record.partition(), StreamPositions.ofRecord(record.offset()));
                case MatchWithdrawn withdrawn -> batch.withdrawn(withdrawn, record.partition(),
                        StreamPositions.ofRecord(record.offset()));
            }
            lastOffsets.merge(record.partition(), record.offset(), Math::max);
        }
        writes.write(batch);
        lastOffsets.forEach(positions::processed);
        batch.outcomes().forEach((outcome, n) -> meters.counter("doorstep.notifications.matches", "outcome", outcome)
                .increment(n));
    }

    /** The events of the batch in the order they were written; for tests and figures. */
    static List<FeedEvent> eventsOf(DeliveryBatch batch) {
        return new ArrayList<>(batch.feedEvents());
    }
}
