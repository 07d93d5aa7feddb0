package org.doorstep.seekers.outbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
 * same {@code ce_id}. Writers {@link #trigger} it; a periodic sweep catches whatever a trigger missed.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final PendingOutbox outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final BlockingQueue<String> triggers = new LinkedBlockingQueue<>();
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
        long nextSweep = 0;
        while (running) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep();
                    nextSweep = System.nanoTime() + properties.sweepInterval().toNanos();
                }
                String id = triggers.poll(properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (id != null) {
                    drain(id);
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

    private void sweep() {
        List<String> pending = outbox.aggregatesWithPending(500);
        for (String id : pending) {
            drain(id);
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
