package org.doorstep.seekers.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.seekers.platform.messaging.JsonCloudEvents;
import org.doorstep.seekers.platform.messaging.KafkaProducers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox entries in order, one aggregate at a time, on its own thread: a synchronous send with the
 * producer every service makes the same way ({@link KafkaProducers}: CloudEvents through the SDK's Kafka binding,
 * idempotent, {@code acks=all}), then the entry is marked sent. A crash in between republishes the
 * same {@code ce_id}. Writers {@link #trigger} it. An aggregate whose publishing failed is retried by id every
 * sweep interval; a full sweep (a search of the whole collection, which the MongoDB-wire server answers with a
 * scan under its lock) runs only at start-up and every full-sweep interval, for what a crash left behind.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int FULL_SWEEP_PAGE = 500;

    private final PendingOutbox outbox;
    private final Producer<String, CloudEvent> producer;
    private final URI source;
    private final OutboxProperties properties;
    private final BlockingQueue<String> triggers = new LinkedBlockingQueue<>();
    private final Set<String> retries = new LinkedHashSet<>();
    private final MeterRegistry meters;
    private final Timer sendTime;
    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(PendingOutbox outbox, KafkaProperties kafka, OutboxProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        this.source = URI.create(properties.source());
        this.producer = KafkaProducers.cloudEvents(kafka, "seekers-service-outbox", Map.of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
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

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
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
        ProducerRecord<String, CloudEvent> record = message.tombstone()
                ? JsonCloudEvents.tombstone(message.topic(), message.key())
                : JsonCloudEvents.record(message.topic(), message.key(), message.ceId(), message.ceType(), source,
                        message.time(), message.key(), message.payload().getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        try {
            producer.send(record).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
}
