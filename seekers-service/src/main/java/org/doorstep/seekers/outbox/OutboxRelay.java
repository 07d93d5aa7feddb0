package org.doorstep.seekers.outbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox entries in order, one aggregate at a time, on its own thread: a synchronous send with the
 * idempotent producer ({@code acks=all}), then the entry is marked sent. A crash in between republishes the
 * same {@code ce_id}. Writers {@link #trigger} it. An aggregate whose publishing failed is retried by id every
 * sweep interval; a full sweep (a search of the whole collection, which the MongoDB-wire server answers with a
 * scan under its lock) runs only at start-up and every full-sweep interval, for what a crash left behind.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int FULL_SWEEP_PAGE = 500;

    private final PendingOutbox outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final BlockingQueue<String> triggers = new LinkedBlockingQueue<>();
    private final Set<String> retries = new LinkedHashSet<>();
    private final MeterRegistry meters;
    private final Timer sendTime;
    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(PendingOutbox outbox, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
                       MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.properties = properties;
        this.meters = meters;
        this.sendTime = Timer.builder("doorstep.outbox.send").description("Synchronous send until the broker's ack")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Stops after the web server has finished its in-flight requests (whose events it then still publishes). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** Asks the relay to publish the aggregate's pending entries soon. Never blocks. */
    public void trigger(String aggregateId) {
        triggers.offer(aggregateId);
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
            try {
                current.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long nextSweep = System.nanoTime();
        long nextFullSweep = nextSweep;
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    boolean full = now - nextFullSweep >= 0;
                    // set before the sweep: a sweep that fails is retried at the next interval, not at once
                    nextSweep = now + properties.sweepInterval().toNanos();
                    if (full) {
                        nextFullSweep = now + properties.fullSweepInterval().toNanos();
                    }
                    if (sweep(full)) {
                        nextFullSweep = now; // a full page: more may be pending
                    }
                }
                String id = triggers.poll(properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (id != null) {
                    drainOrRetry(id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                meters.counter("doorstep.outbox.failures").increment();
                if (running) {
                    log.warn("Outbox relay failed; the sweep retries: {}", e.toString());
                }
            }
        }
    }

    /** Drains the aggregates to retry, or every aggregate with pending entries; true when that was a full page. */
    private boolean sweep(boolean full) {
        List<String> pending = full ? outbox.aggregatesWithPending(FULL_SWEEP_PAGE) : List.copyOf(retries);
        for (String id : pending) {
            drainOrRetry(id);
        }
        return full && pending.size() == FULL_SWEEP_PAGE;
    }

    private void drainOrRetry(String aggregateId) {
        try {
            drain(aggregateId);
            retries.remove(aggregateId);
        } catch (RuntimeException e) {
            retries.add(aggregateId);
            throw e;
        }
    }

    private void drain(String aggregateId) {
        triggers.remove(aggregateId);
        for (Optional<OutboxMessage> next = outbox.next(aggregateId); next.isPresent(); next = outbox.next(aggregateId)) {
            publish(next.get());
            outbox.markSent(aggregateId, next.get().ceId());
        }
        outbox.drained(aggregateId);
    }

    private void publish(OutboxMessage message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.topic(), null, message.key(),
                message.tombstone() ? null : message.payload().getBytes(StandardCharsets.UTF_8));
        if (!message.tombstone()) {
            header(record, "ce_id", message.ceId());
            header(record, "ce_type", message.ceType());
            header(record, "ce_source", properties.source());
            header(record, "ce_time", message.time().toString());
            header(record, "ce_specversion", "1.0");
            header(record, "ce_subject", message.key());
            header(record, "content-type", "application/json");
        }
        long start = System.nanoTime();
        try {
            kafka.send(record).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            sendTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            meters.counter("doorstep.outbox.published", "topic", message.topic(),
                    "type", message.tombstone() ? "tombstone" : message.ceType()).increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + message.ceId(), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + message.ceId() + " to " + message.topic(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
