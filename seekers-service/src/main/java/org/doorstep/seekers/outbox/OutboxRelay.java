package org.doorstep.seekers.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.seekers.outbox.PendingOutbox.PendingAggregate;
import org.doorstep.seekers.outbox.PendingOutbox.Published;
import org.doorstep.seekers.platform.messaging.JsonCloudEvents;
import org.doorstep.seekers.platform.messaging.KafkaProducers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes outbox entries, each aggregate's in order, on its own thread and in batches: the aggregates triggered
 * since the last batch (up to {@value #BATCH}) are read by id in one read, all their entries sent at once with the
 * producer every service makes the same way ({@link KafkaProducers}: CloudEvents through the SDK's Kafka binding,
 * idempotent, {@code acks=all}, which keeps one key's records in the order sent), and the acknowledged ones removed in
 * one bulk write. A crash in between republishes the same {@code ce_id}. Writers {@link #trigger} it. An aggregate
 * whose publishing failed is retried by id every sweep interval; a full sweep (a search of the whole collection,
 * which the MongoDB-wire server answers with a scan under its lock) runs only at start-up and every full-sweep
 * interval, for what a crash left behind.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int FULL_SWEEP_PAGE = 500;
    /** At most this many aggregates are read, sent and marked sent together. */
    private static final int BATCH = 500;

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
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                // a send waits at most this long for the topic's metadata (the broker away), not the default minute
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) properties.sendTimeout().toMillis()));
        this.properties = properties;
        this.meters = meters;
        this.sendTime = Timer.builder("doorstep.outbox.send").description("From send to the broker's ack")
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
                    drain(batchStartingWith(id));
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
        for (int from = 0; from < pending.size(); from += BATCH) {
            drain(pending.subList(from, Math.min(pending.size(), from + BATCH)));
        }
        return full && pending.size() == FULL_SWEEP_PAGE;
    }

    /** The triggered aggregate and those triggered since, up to a batch, each once. */
    private List<String> batchStartingWith(String first) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(first);
        triggers.drainTo(ids, BATCH - 1);
        return List.copyOf(ids);
    }

    /**
     * Publishes what these aggregates have pending: one keyed read, every entry sent at once (an aggregate's in
     * order: same key, same partition, and the idempotent producer keeps their order), the acknowledged ones
     * removed in one write. An aggregate with an entry that was not acknowledged is retried from that entry on.
     */
    void drain(List<String> aggregateIds) {
        List<PendingAggregate> pending;
        try {
            pending = outbox.pending(aggregateIds);
        } catch (RuntimeException e) {
            retries.addAll(aggregateIds);
            throw e;
        }
        aggregateIds.forEach(retries::remove);
        List<List<CompletableFuture<Void>>> sends = new ArrayList<>(pending.size());
        boolean brokerAway = false;
        for (PendingAggregate aggregate : pending) {
            List<CompletableFuture<Void>> acks = new ArrayList<>(aggregate.entries().size());
            boolean refused = false;
            for (OutboxMessage message : aggregate.entries()) {
                // after an entry refused at once, the aggregate's later entries wait for it (their order); a refusal
                // for want of metadata within max.block.ms (the broker away) spares the rest of the batch the wait
                CompletableFuture<Void> ack = brokerAway || refused
                        ? CompletableFuture.failedFuture(new IllegalStateException("not sent: an earlier send was refused"))
                        : send(message);
                if (ack.isCompletedExceptionally()) {
                    refused = true;
                    brokerAway |= noMetadata(ack.exceptionNow());
                }
                acks.add(ack);
            }
            sends.add(acks);
        }
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<Published> published = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            published.add(new Published(pending.get(i), acknowledgedPrefix(sends.get(i), deadline)));
        }
        try {
            outbox.markSent(published);
        } catch (RuntimeException e) {
            // published but still listed: the retry sends them again with the same ce_id
            published.forEach(p -> retries.add(p.aggregate().id()));
            throw e;
        }
        List<String> failed = published.stream().filter(p -> !p.all()).map(p -> p.aggregate().id()).toList();
        if (!failed.isEmpty()) {
            retries.addAll(failed);
            meters.counter("doorstep.outbox.failures").increment();
            log.warn("Outbox relay: the broker did not acknowledge what {} of {} aggregates had pending (first {}); "
                    + "retried every sweep interval", failed.size(), published.size(), failed.getFirst());
        }
    }

    /** Whether the producer gave up waiting for the topic's metadata: the broker is away, for every topic alike. */
    private static boolean noMetadata(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** How many of the sends, in order, the broker acknowledged before the first that failed or timed out. */
    private static int acknowledgedPrefix(List<CompletableFuture<Void>> acks, long deadline) {
        int acknowledged = 0;
        for (CompletableFuture<Void> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return acknowledged;
            } catch (ExecutionException | TimeoutException e) {
                log.debug("Not acknowledged: {}", e.toString());
                return acknowledged;
            }
        }
        return acknowledged;
    }

    private CompletableFuture<Void> send(OutboxMessage message) {
        ProducerRecord<String, CloudEvent> record = message.tombstone()
                ? JsonCloudEvents.tombstone(message.topic(), message.key())
                : JsonCloudEvents.record(message.topic(), message.key(), message.ceId(), message.ceType(), source,
                        message.time(), message.key(), message.payload().getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> ack = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(new IllegalStateException(
                            "could not publish " + message.ceId() + " to " + message.topic(), error));
                    return;
                }
                sendTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                meters.counter("doorstep.outbox.published", "topic", message.topic(),
                        "type", message.tombstone() ? "tombstone" : message.ceType()).increment();
                ack.complete(null);
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }
}
