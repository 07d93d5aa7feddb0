package org.doorstep.postings.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.doorstep.postings.outbox.PendingOutbox.Written;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes the pending outbox entries of aggregate documents and marks them sent (removes them)
 * only after the broker acknowledged them. A crash in between leaves the entry in the document, and
 * the sweeper publishes it again with the same {@code ce_id}: at least once, never lost.
 * <p>
 * The write to MongoDB is the commit point: a request that wrote a document {@link #trigger triggers} its
 * publishing and answers without waiting for the broker, so a broker that is away costs requests nothing;
 * its events wait in the outbox and the sweeper retries them. A document's publishing runs one at a time
 * ({@link PublishLanes}), so its events still leave in the order written.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int SWEEP_BATCH = 500;
    private static final int RETRY_CONCURRENCY = 16;

    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;
    private final DeferredDocuments deferred;
    private final PublishLanes lanes = new PublishLanes();
    private final List<PendingOutbox> outboxes = new CopyOnWriteArrayList<>();

    OutboxRelay(EventPublisher publisher, OutboxProperties properties, Clock clock, DeferredDocuments deferred) {
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.deferred = deferred;
    }

    /** Adds a collection's outbox to those the sweeper retries and searches; returns it bound to this relay. */
    public RelayedOutbox register(PendingOutbox outbox) {
        outboxes.add(outbox);
        return new RelayedOutbox(this, outbox);
    }

    /** The outboxes registered so far, one per collection that holds aggregate documents. */
    List<PendingOutbox> outboxes() {
        return outboxes;
    }

    /**
     * Publishes, in order, the entries a write just left in document {@code id} of {@code outbox},
     * then removes them from it. Completes with an error if the broker did not acknowledge them; the
     * entries then stay pending for the sweeper.
     */
    public Mono<Void> publish(PendingOutbox outbox, Object id, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(entries)
                .concatMap(publisher::send)
                .then(outbox.markSent(List.of(new Written(id, entries, null))));
    }

    /**
     * Publishes the pending entries of many documents at once (each document's in order, documents
     * concurrently) and removes the acknowledged ones in one bulk write. Never fails:
     * what was not acknowledged stays pending for the sweeper.
     */
    public Mono<Void> publishAllOrDefer(PendingOutbox outbox, List<Written> written) {
        if (written.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(written)
                .flatMap(doc -> Flux.fromIterable(doc.entries()).concatMap(publisher::send)
                        .then(Mono.just(doc))
                        .onErrorResume(e -> {
                            log.warn("Publishing events of {}/{} failed; the sweeper will retry: {}", outbox.name(),
                                    doc.id(), e.toString());
                            deferred.defer(outbox.name(), doc.id());
                            return Mono.empty();
                        }), 1024)
                .collectList()
                .flatMap(sent -> sent.isEmpty() ? Mono.empty() : outbox.markSent(sent)
                        .onErrorResume(e -> {
                            log.warn("Marking events of {} sent failed; the sweeper will republish them: {}",
                                    outbox.name(), e.toString());
                            sent.forEach(a -> deferred.defer(outbox.name(), a.id()));
                            return Mono.empty();
                        }))
                .then();
    }

    /**
     * Publishes, in the background, the entries a write just left in document {@code id} of {@code outbox}
     * (in order, after any publishing of that document still running), then removes them from it. Returns at
     * once: a failure is logged and left to the sweeper.
     */
    public void trigger(PendingOutbox outbox, Object id, List<OutboxEntry> entries) {
        if (!entries.isEmpty()) {
            lanes.run(outbox.name(), id, Mono.just(entries), fresh -> publishOrDefer(outbox, id, fresh));
        }
    }

    /** Same as {@link #publish} but never fails: true when published; a failure is logged and left to the sweeper. */
    private Mono<Boolean> publishOrDefer(PendingOutbox outbox, Object id, List<OutboxEntry> entries) {
        return publish(outbox, id, entries)
                .thenReturn(true)
                .onErrorResume(e -> {
                    if (e instanceof CallNotPermittedException) {
                        // the broker is known to be away: no need to log every document
                        log.debug("Broker away; {} event(s) of {}/{} wait for the sweeper", entries.size(), outbox.name(), id);
                    } else {
                        log.warn("Publishing {} event(s) of {}/{} failed; the sweeper will retry: {}",
                                entries.size(), outbox.name(), id, e.toString());
                    }
                    deferred.defer(outbox.name(), id);
                    return Mono.just(false);
                });
    }

    /**
     * Publishes the pending entries of the documents whose publishing failed here (each read by {@code _id}
     * when its turn comes); a document that fails again stays deferred. Returns how many documents it flushed.
     */
    public Mono<Long> retry(PendingOutbox outbox) {
        List<Object> ids = deferred.take(outbox.name());
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return Flux.fromIterable(ids)
                .flatMap(id -> publishPending(outbox, id), RETRY_CONCURRENCY)
                .reduce(0L, Long::sum);
    }

    /**
     * Publishes every entry older than the grace period that is still pending in {@code outbox}
     * (left by a crash, here or in another instance). A search of the collection, which the MongoDB-wire
     * server answers with a scan under its lock: the sweeper runs it at start-up and every full-sweep
     * interval only. Returns how many documents it flushed.
     */
    public Mono<Long> sweep(PendingOutbox outbox) {
        Instant cutoff = clock.instant().minus(properties.sweepGrace());
        return outbox.pendingBefore(cutoff, SWEEP_BATCH)
                .concatMap(id -> publishPending(outbox, id))
                .reduce(0L, Long::sum);
    }

    /**
     * Publishes what document {@code id} has pending when its turn on its lane comes: read then, not before,
     * so that entries another run published meanwhile are not sent again after newer ones. 1 when flushed.
     */
    private Mono<Long> publishPending(PendingOutbox outbox, Object id) {
        Mono<List<OutboxEntry>> pending = outbox.pending(id)
                .onErrorResume(e -> {
                    log.warn("Reading the outbox of {}/{} failed; the sweeper will retry: {}", outbox.name(), id,
                            e.toString());
                    deferred.defer(outbox.name(), id);
                    return Mono.empty();
                });
        return lanes.run(outbox.name(), id, pending, fresh -> publishOrDefer(outbox, id, fresh))
                .map(sent -> sent ? 1L : 0L);
    }
}
