package org.doorstep.postings.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
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
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int SWEEP_BATCH = 500;
    private static final int CLEANUP_GROUP = 32;

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher publisher;
    private final OutboxProperties properties;
    private final Clock clock;
    private final DeferredDocuments deferred;

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
                                Updates.pull(OutboxEntry.FIELD, Filters.in("ceId", ceIds))))))
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
                        Updates.pull(OutboxEntry.FIELD, Filters.in("ceId",
                                a.entries().stream().map(OutboxEntry::ceId).toList()))));
            }
        }
        // groups: the server re-checks each document found against the whole $in list
        byBatch.forEach((batch, ids) -> {
            for (int from = 0; from < ids.size(); from += CLEANUP_GROUP) {
                writes.add(new UpdateManyModel<>(
                        Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + CLEANUP_GROUP))),
                        Updates.pull(OutboxEntry.FIELD, Filters.eq(OutboxEntry.BATCH, batch))));
            }
        });
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }

    /** Same as {@link #publish} but never fails: a failure is logged and left to the sweeper. */
    public Mono<Void> publishOrDefer(String collection, Object id, List<OutboxEntry> entries) {
        return publish(collection, id, entries)
                .onErrorResume(e -> {
                    log.warn("Publishing {} event(s) of {}/{} failed; the sweeper will retry: {}",
                            entries.size(), collection, id, e.toString());
                    deferred.defer(collection, id);
                    return Mono.empty();
                });
    }

    /**
     * Publishes the pending entries of the documents whose publishing failed here (read by {@code _id});
     * a document that fails again stays deferred. Returns how many documents it flushed.
     */
    public Mono<Long> retry(String collection) {
        List<Object> ids = deferred.take(collection);
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return mongo.getCollection(collection)
                .flatMapMany(c -> Flux.from(c.find(Filters.in("_id", ids))))
                .concatMap(doc -> publish(collection, doc.get("_id"), entries(doc)).thenReturn(1L)
                        .onErrorResume(e -> {
                            deferred.defer(collection, doc.get("_id"));
                            return Mono.just(0L);
                        }))
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
                .flatMapMany(c -> Flux.from(c.find(Filters.lt(OutboxEntry.FIELD + ".time", Date.from(cutoff)))
                        .limit(SWEEP_BATCH)))
                .concatMap(doc -> publish(collection, doc.get("_id"), entries(doc)).thenReturn(1L))
                .reduce(0L, Long::sum);
    }

    /** The batch id shared by every pending entry of the document, or null. */
    @SuppressWarnings("unchecked")
    private static String batch(Document doc) {
        List<Document> pending = (List<Document>) doc.get(OutboxEntry.FIELD, List.class);
        if (pending == null || pending.isEmpty()) {
            return null;
        }
        String batch = pending.getFirst().getString(OutboxEntry.BATCH);
        return pending.stream().allMatch(e -> batch != null && batch.equals(e.getString(OutboxEntry.BATCH))) ? batch : null;
    }

    @SuppressWarnings("unchecked")
    public static List<OutboxEntry> entries(Document doc) {
        List<Document> pending = (List<Document>) doc.get(OutboxEntry.FIELD, List.class);
        return pending == null ? List.of() : pending.stream().map(OutboxEntry::fromDocument).toList();
    }
}
