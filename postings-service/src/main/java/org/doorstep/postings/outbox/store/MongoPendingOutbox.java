package org.doorstep.postings.outbox.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.doorstep.postings.outbox.OutboxEntry;
import org.doorstep.postings.outbox.PendingOutbox;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox inside the documents of one MongoDB collection (field {@link OutboxDocuments#FIELD}). */
public final class MongoPendingOutbox implements PendingOutbox {

    private static final int CLEANUP_GROUP = 32;

    private final String collection;
    private final ReactiveMongoTemplate mongo;

    public MongoPendingOutbox(String collection, ReactiveMongoTemplate mongo) {
        this.collection = collection;
        this.mongo = mongo;
    }

    @Override
    public String name() {
        return collection;
    }

    /** What a write left pending in {@code doc}, as the relay gets it. */
    public static Written written(Document doc) {
        return new Written(doc.get("_id"), OutboxDocuments.pending(doc), batch(doc));
    }

    @Override
    public Mono<List<OutboxEntry>> pending(Object id) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.find(Filters.eq("_id", id)).first()))
                .map(OutboxDocuments::pending)
                .defaultIfEmpty(List.of());
    }

    /** A search of the collection, which the MongoDB-wire server answers with a scan under its lock. */
    @Override
    public Flux<Object> pendingBefore(Instant cutoff, int limit) {
        return mongo.getCollection(collection)
                .flatMapMany(c -> Flux.from(c.find(Filters.lt(OutboxDocuments.FIELD + ".time", Date.from(cutoff)))
                        .projection(Projections.include("_id"))
                        .limit(limit)))
                .map(doc -> doc.get("_id"));
    }

    /**
     * Entries written by one batch insert carry its id: they go with one update of all those documents (found
     * through the _id index) pulling that batch id, which is cheap to match. Others are pulled by their ceIds, one
     * update per document. Either way, entries added to those documents meanwhile stay pending.
     */
    @Override
    public Mono<Void> markSent(List<Written> sent) {
        Map<String, List<Object>> byBatch = new LinkedHashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Written a : sent) {
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
}
