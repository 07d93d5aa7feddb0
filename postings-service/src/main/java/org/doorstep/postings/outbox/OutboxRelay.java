package org.doorstep.postings.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.BulkWriteOptions;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
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
    private static final int CLEANUP_GROUP = 32;
    private static final int RETRY_CONCURRENCY = 16;

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;
    private final DeferredDocuments deferred;
    private final PublishLanes lanes = new PublishLanes();

    OutboxRelay(ReactiveMongoTemplate mongo, EventPublisher publisher, OutboxProperties properties, Clock clock,
                DeferredDocuments deferred) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.deferred = deferred;
    }

    /**
     * Publishes, in order, the entries a write just left in document {@code id} of {@code collection},
     * then removes them from it. Completes with an error if the broker did not acknowledge them; the
     * entries then stay pending for the sweeper.
     */
    public Mono<Void> publish(String collection, Object id, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        List<String> ceIds = entries.stream().map(OutboxEntry::ceId).toList();
        return Flux.fromIterable(entries)
                .concatMap(publisher::send)
                .then(mongo.getCollection(collection)
                        .flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", id),
                                Updates.pull(OutboxDocuments.FIELD, Filters.in("ceId", ceIds))))))
                .then();
    }

    /**
     * Publishes the pending entries of many documents at once (each document's in order, documents
     * concurrently) and removes the acknowledged ones in one bulk write ({@link #markSent}). Never fails:
     * what was not acknowledged stays pending for the sweeper.
     */
    public Mono<Void> publishAllOrDefer(String collection, List<Document> docs) {
        if (docs.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(docs)
                .flatMap(doc -> {
                    List<OutboxEntry> entries = entries(doc);
                    return Flux.fromIterable(entries).concatMap(publisher::send)
                            .then(Mono.just(new Acknowledged(doc.get("_id"), entries, batch(doc))))
                            .onErrorResume(e -> {
                                log.warn("Publishing events of {}/{} failed; the sweeper will retry: {}", collection,
                                        doc.get("_id"), e.toString());
                                deferred.defer(collection, doc.get("_id"));
                                return Mono.empty();
                            });
                }, 1024)
                .collectList()
                .flatMap(sent -> sent.isEmpty() ? Mono.empty() : markSent(collection, sent)
                        .onErrorResume(e -> {
                            log.warn("Marking events of {} sent failed; the sweeper will republish them: {}", collection,
                                    e.toString());
                            sent.forEach(a -> deferred.defer(collection, a.id()));
                            return Mono.empty();
                        }))
                .then();
    }

    /** The entries of one document that the broker acknowledged, and the write batch they came from (or null). */
    private record Acknowledged(Object id, List<OutboxEntry> entries, String batch) {
    }

    /**
     * Removes the acknowledged entries from their documents. Entries written by one batch insert carry
     * its id: they go with one update of all those documents (found through the _id index) pulling that
     * batch id, which is cheap to match. Others are pulled by their ceIds, one update per document.
     * Either way, entries added to those documents meanwhile stay pending.
     */
    private Mono<Void> markSent(String collection, List<Acknowledged> sent) {
        Map<String, List<Object>> byBatch = new LinkedHashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Acknowledged a : sent) {
            if (a.batch() != null) {
                byBatch.computeIfAbsent(a.batch(), b -> new ArrayList<>()).add(a.id());
            } else {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", a.id()),
                        Updates.pull(OutboxDocuments.FIELD, Filters.in("ceId",
                                a.entries().stream().map(OutboxEntry::ceId).toList()))));
            }
        }
        // groups: the server re-checks each document found against the whole $in list
        byBatch.forEach((batch, ids) -> {
            for (int from = 0; from < ids.size(); from += CLEANUP_GROUP) {
                writes.add(new UpdateManyModel<>(
                        Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + CLEANUP_GROUP))),
                        Updates.pull(OutboxDocuments.FIELD, Filters.eq(OutboxDocuments.BATCH, batch))));
            }
        });
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }

    /**
     * Publishes, in the background, the entries a write just left in document {@code id} of {@code collection}
     * (in order, after any publishing of that document still running), then removes them from it. Returns at
     * once: a failure is logged and left to the sweeper.
     */
    public void trigger(String collection, Object id, List<OutboxEntry> entries) {
        if (!entries.isEmpty()) {
            lanes.run(collection, id, Mono.just(entries), fresh -> publishOrDefer(collection, id, fresh));
        }
    }

    /** Same as {@link #publish} but never fails: true when published; a failure is logged and left to the sweeper. */
    private Mono<Boolean> publishOrDefer(String collection, Object id, List<OutboxEntry> entries) {
        return publish(collection, id, entries)
                .thenReturn(true)
                .onErrorResume(e -> {
                    if (e instanceof CallNotPermittedException) {
                        // the broker is known to be away: no need to log every document
                        log.debug("Broker away; {} event(s) of {}/{} wait for the sweeper", entries.size(), collection, id);
                    } else {
                        log.warn("Publishing {} event(s) of {}/{} failed; the sweeper will retry: {}",
                                entries.size(), collection, id, e.toString());
                    }
                    deferred.defer(collection, id);
                    return Mono.just(false);
                });
    }

    /**
     * Publishes the pending entries of the documents whose publishing failed here (each read by {@code _id}
     * when its turn comes); a document that fails again stays deferred. Returns how many documents it flushed.
     */
    public Mono<Long> retry(String collection) {
        List<Object> ids = deferred.take(collection);
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return Flux.fromIterable(ids)
                .flatMap(id -> publishPending(collection, id), RETRY_CONCURRENCY)
                .reduce(0L, Long::sum);
    }

    /**
     * Publishes every entry older than the grace period that is still pending in {@code collection}
     * (left by a crash, here or in another instance). A search of the collection, which the MongoDB-wire
     * server answers with a scan under its lock: the sweeper runs it at start-up and every full-sweep
     * interval only. Returns how many documents it flushed.
     */
    public Mono<Long> sweep(String collection) {
        Instant cutoff = clock.instant().minus(properties.sweepGrace());
        return mongo.getCollection(collection)
                .flatMapMany(c -> Flux.from(c.find(Filters.lt(OutboxDocuments.FIELD + ".time", Date.from(cutoff)))
                        .projection(Projections.include("_id"))
                        .limit(SWEEP_BATCH)))
                .concatMap(doc -> publishPending(collection, doc.get("_id")))
                .reduce(0L, Long::sum);
    }

    /**
     * Publishes what document {@code id} has pending when its turn on its lane comes: read then, not before,
     * so that entries another run published meanwhile are not sent again after newer ones. 1 when flushed.
     */
    private Mono<Long> publishPending(String collection, Object id) {
        Mono<List<OutboxEntry>> pending = mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.find(Filters.eq("_id", id)).first()))
                .map(OutboxRelay::entries)
                .defaultIfEmpty(List.of())
                .onErrorResume(e -> {
                    log.warn("Reading the outbox of {}/{} failed; the sweeper will retry: {}", collection, id,
                            e.toString());
                    deferred.defer(collection, id);
                    return Mono.empty();
                });
        return lanes.run(collection, id, pending, fresh -> publishOrDefer(collection, id, fresh))
                .map(sent -> sent ? 1L : 0L);
    }

    /** The batch id shared by every pending entry of the document, or null. */
    @SuppressWarnings("unchecked")
    private static String batch(Document doc) {
        List<Document> pending = (List<Document>) doc.get(OutboxDocuments.FIELD, List.class);
        if (pending == null || pending.isEmpty()) {
            return null;
        }
        String batch = pending.getFirst().getString(OutboxDocuments.BATCH);
        return pending.stream().allMatch(e -> batch != null && batch.equals(e.getString(OutboxDocuments.BATCH))) ? batch : null;
    }

    private static List<OutboxEntry> entries(Document doc) {
        return OutboxDocuments.pending(doc);
    }
}
