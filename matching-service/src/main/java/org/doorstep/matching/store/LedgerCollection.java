package org.doorstep.matching.store;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger's collection ({@code matches}), reached by key only and waited for: the ledger is called from Kafka
 * listener threads, which may block.
 */
final class LedgerCollection {

    static final String NAME = "matches";
    /** About 0.8 MB of matchIds. */
    static final int IDS_PER_QUERY = 10_000;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final ReactiveMongoTemplate mongo;

    LedgerCollection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The documents with these ids ({@code {_id: {$in}}}), in no particular order; in queries of at most
     * {@link #IDS_PER_QUERY} ids, so that a poll's read stays far below the 16 MB a command may have.
     */
    List<Document> byIds(List<?> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<List<?>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
        }
        List<Document> documents = collection()
                .flatMapMany(c -> Flux.fromIterable(chunks).concatMap(chunk -> Flux.from(c.find(Filters.in("_id", chunk)))))
                .collectList().block();
        return documents == null ? List.of() : documents;
    }

    /** Every write at once; each stands alone (a duplicate key fails only its own). */
    void write(List<? extends WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection().flatMap(c -> Mono.from(c.bulkWrite(writes, UNORDERED))).block();
        }
    }

    /** Every write at once, in order, stopping at the first that fails. */
    void writeInOrder(List<? extends WriteModel<Document>> writes) {
        if (!writes.isEmpty()) {
            collection().flatMap(c -> Mono.from(c.bulkWrite(writes, ORDERED))).block();
        }
    }

    void deleteOne(Bson filter) {
        collection().flatMap(c -> Mono.from(c.deleteOne(filter))).block();
    }

    Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(NAME);
    }
}
