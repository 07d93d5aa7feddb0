package org.doorstep.postings.partner.store;

import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.doorstep.postings.outbox.OutboxCollection;
import org.doorstep.postings.outbox.OutboxEntry;
import org.doorstep.postings.partner.ApiKey;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.PartnerStatus;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The partners collection: one document per partner with its keys' hashes and its outbox. */
@Component
public class PartnerStore implements SmartInitializingSingleton {

    public static final OutboxCollection COLLECTION = new OutboxCollection("partners");

    private final ReactiveMongoTemplate mongo;

    PartnerStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        collection().flatMapMany(c -> reactor.core.publisher.Flux.concat(
                c.createIndex(Indexes.ascending("apiKeys.sha256"), new IndexOptions().name("apiKeyHash")),
                c.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("idVersion"))))
                .then().block();
    }

    public Mono<Document> insert(Partner partner, List<OutboxEntry> events) {
        Document doc = toDocument(partner, events);
        return collection().flatMap(c -> Mono.from(c.insertOne(doc))).thenReturn(doc);
    }

    /** Replaces the partner if it is still at {@code expectedVersion}; empty if someone changed it meanwhile. */
    public Mono<Document> update(long expectedVersion, Partner partner, List<OutboxEntry> newEvents,
                                 List<OutboxEntry> pending) {
        List<OutboxEntry> all = new java.util.ArrayList<>(pending);
        all.addAll(newEvents);
        Document doc = toDocument(partner, all);
        return collection().flatMap(c -> Mono.from(c.findOneAndReplace(
                new Document("_id", partner.partnerId()).append("version", expectedVersion), doc,
                new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER))));
    }

    public Mono<Document> find(String partnerId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", partnerId)).first()));
    }

    public Mono<Partner> findByKeyHash(String sha256) {
        return collection()
                .flatMap(c -> Mono.from(c.find(Filters.eq("apiKeys.sha256", sha256)).first()))
                .map(PartnerStore::toPartner);
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION.name());
    }

    static Document toDocument(Partner p, List<OutboxEntry> outbox) {
        return new Document("_id", p.partnerId())
                .append("name", p.name())
                .append("contactEmail", p.contactEmail())
                .append("status", p.status().name())
                .append("version", p.version())
                .append("apiKeys", p.apiKeys().stream()
                        .map(k -> new Document("keyId", k.keyId()).append("sha256", k.sha256())
                                .append("createdAt", Date.from(k.createdAt())))
                        .toList())
                .append("createdAt", Date.from(p.createdAt()))
                .append("updatedAt", Date.from(p.updatedAt()))
                .append(OutboxEntry.FIELD, outbox.stream().map(OutboxEntry::toDocument).toList());
    }

    public static Partner toPartner(Document d) {
        List<ApiKey> keys = d.getList("apiKeys", Document.class).stream()
                .map(k -> new ApiKey(k.getString("keyId"), k.getString("sha256"), k.getDate("createdAt").toInstant()))
                .toList();
        return new Partner(d.getString("_id"), d.getString("name"), d.getString("contactEmail"),
                PartnerStatus.valueOf(d.getString("status")), ((Number) d.get("version")).longValue(), keys,
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant());
    }
}
