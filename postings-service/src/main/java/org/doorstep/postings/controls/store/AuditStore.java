package org.doorstep.postings.controls.store;

import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.doorstep.postings.controls.AuditAction;
import org.doorstep.postings.controls.AuditEntry;
import org.doorstep.postings.controls.AuditTrail;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operatorAudit collection, {@code _id} = the entry id (time first, so it sorts by time). Appends are inserts;
 * reading a page is a search (a scan on the MongoDB-wire server), on the operators' and auditors' request only.
 */
@Component
class AuditStore implements AuditTrail {

    private final ReactiveMongoTemplate mongo;

    AuditStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<AuditEntry> append(AuditEntry e) {
        return collection().flatMap(c -> Mono.from(c.insertOne(new Document("_id", e.entryId())
                .append("at", Date.from(e.at()))
                .append("actor", e.actor())
                .append("action", e.action().name())
                .append("partnerId", e.partnerId())
                .append("detail", e.detail())))).thenReturn(e);
    }

    @Override
    public Flux<AuditEntry> page(String afterEntryId, int limit) {
        Bson filter = afterEntryId == null ? new Document() : Filters.gt("_id", afterEntryId);
        return collection().flatMapMany(c -> c.find(filter).sort(Sorts.ascending("_id")).limit(limit))
                .map(d -> new AuditEntry(d.getString("_id"), d.getDate("at").toInstant(), d.getString("actor"),
                        AuditAction.valueOf(d.getString("action")), d.getString("partnerId"), d.getString("detail")));
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection("operatorAudit");
    }
}
