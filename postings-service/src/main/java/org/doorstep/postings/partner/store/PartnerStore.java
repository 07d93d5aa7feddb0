package org.doorstep.postings.partner.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.doorstep.postings.outbox.OutboxEntry;
import org.doorstep.postings.outbox.OutboxRelay;
import org.doorstep.postings.outbox.RelayedOutbox;
import org.doorstep.postings.outbox.store.MongoPendingOutbox;
import org.doorstep.postings.outbox.store.OutboxDocuments;
import org.doorstep.postings.partner.ApiKey;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.PartnerEvent;
import org.doorstep.postings.partner.PartnerRepository;
import org.doorstep.postings.partner.PartnerStatus;
import org.doorstep.postings.partner.Quota;
import org.doorstep.postings.partner.messaging.PartnerEvents;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The partners collection: one document per partner with its keys' hashes and its outbox; and the key
 * index ({@code partnerKeys}), so that authenticating a request reads by {@code _id} twice instead of
 * searching the partners for a hash (the MongoDB-wire server uses no non-unique index: a scan per request).
 */
@Component
public class PartnerStore implements PartnerRepository, SmartInitializingSingleton {

    private static final String COLLECTION = "partners";
    /** The key index: one document per API key hash ({@code _id}) naming its partner, read by {@code _id}. */
    static final String KEYS = "partnerKeys";
    private static final String PARTNER_ID = "partnerId";

    private final ReactiveMongoTemplate mongo;
    private final PartnerEvents events;
    private final RelayedOutbox outbox;

    PartnerStore(ReactiveMongoTemplate mongo, OutboxRelay relay, PartnerEvents events) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = relay.register(new MongoPendingOutbox(COLLECTION, mongo));
    }

    @Override
    public void afterSingletonsInstantiated() {
        collection().flatMapMany(c -> c.createIndex(Indexes.ascending("_id", "version"),
                        new IndexOptions().unique(true).name("idVersion")))
                .then().block();
        // partners written before the key index existed (a scan of the partners, at start-up only)
        collection().flatMapMany(c -> c.find().projection(Projections.include("apiKeys")))
                .collectList()
                .flatMap(docs -> indexKeys(docs.stream().flatMap(d -> keyHashes(d).stream()
                        .map(hash -> new Document("_id", hash).append(PARTNER_ID, d.get("_id")))).toList()))
                .block();
    }

    /** Hands the new partner's first events to the relay (published in the background). */
    @Override
    public Mono<Partner> insert(Partner partner, List<PartnerEvent> events) {
        Document doc = toDocument(partner, this.events.entries(events));
        return indexKeys(partner).then(collection().flatMap(c -> Mono.from(c.insertOne(doc))))
                .then(Mono.fromSupplier(() -> published(doc, partner)));
    }

    /**
     * Also hands the document's pending events to the relay. The outbox is appended to, never rewritten: entries
     * the relay marks sent meanwhile stay removed.
     */
    @Override
    public Mono<Partner> update(long expectedVersion, Partner partner, List<PartnerEvent> newEvents) {
        Document state = toDocument(partner, List.of());
        state.remove("_id");
        state.remove(OutboxDocuments.FIELD);
        List<Bson> changes = new ArrayList<>();
        state.forEach((field, value) -> changes.add(Updates.set(field, value)));
        changes.add(Updates.pushEach(OutboxDocuments.FIELD, OutboxDocuments.toDocuments(events.entries(newEvents))));
        return indexKeys(partner).then(collection().flatMap(c -> Mono.from(c.findOneAndUpdate(
                new Document("_id", partner.partnerId()).append("version", expectedVersion), Updates.combine(changes),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))))
                .map(doc -> published(doc, partner));
    }

    @Override
    public Mono<Partner> find(String partnerId) {
        return document(partnerId).map(PartnerStore::toPartner);
    }

    /** An operator's list: a range of {@code _id} (a scan on the local store; partners are few, and it is no hot path). */
    @Override
    public Flux<Partner> page(String afterPartnerId, int limit) {
        Bson filter = afterPartnerId == null ? new Document() : Filters.gt("_id", afterPartnerId);
        return collection().flatMapMany(c -> c.find(filter).sort(Sorts.ascending("_id")).limit(limit))
                .map(PartnerStore::toPartner);
    }

    private Mono<Document> document(String partnerId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", partnerId)).first()));
    }

    private <T> T published(Document doc, T answer) {
        outbox.trigger(doc.get("_id"), OutboxDocuments.pending(doc));
        return answer;
    }

    /**
     * The partner holding a key with this hash: its id from the key index, then the partner by id, which
     * must still list the key (the partner document decides; a revoked key's index entry is left behind).
     */
    @Override
    public Mono<Partner> findByKeyHash(String sha256) {
        return keys().flatMap(k -> Mono.from(k.find(Filters.eq("_id", sha256)).first()))
                .flatMap(key -> document(key.getString(PARTNER_ID)))
                .filter(doc -> keyHashes(doc).contains(sha256))
                .map(PartnerStore::toPartner);
    }

    /**
     * Records which partner each key hash belongs to, before the partner document that lists the key is
     * written: a crash in between leaves an entry no partner lists, which authenticates nobody.
     */
    private Mono<Void> indexKeys(Partner partner) {
        return indexKeys(partner.apiKeys().stream()
                .map(k -> new Document("_id", k.sha256()).append(PARTNER_ID, partner.partnerId())).toList());
    }

    private Mono<Void> indexKeys(List<Document> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> writes = entries.stream().<WriteModel<Document>>map(e -> new ReplaceOneModel<>(
                Filters.eq("_id", e.get("_id")), e, new ReplaceOptions().upsert(true))).toList();
        return keys().flatMap(k -> Mono.from(k.bulkWrite(writes, new BulkWriteOptions().ordered(false)))).then();
    }

    private static List<String> keyHashes(Document partner) {
        List<Document> keys = partner.getList("apiKeys", Document.class);
        return keys == null ? List.of() : keys.stream().map(k -> k.getString("sha256")).toList();
    }

    private Mono<MongoCollection<Document>> keys() {
        return mongo.getCollection(KEYS);
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION);
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
                .append("quota", p.quota() == null ? null : new Document("limitForPeriod", p.quota().limitForPeriod())
                        .append("periodMillis", p.quota().period().toMillis()))
                .append(OutboxDocuments.FIELD, OutboxDocuments.toDocuments(outbox));
    }

    public static Partner toPartner(Document d) {
        List<ApiKey> keys = d.getList("apiKeys", Document.class).stream()
                .map(k -> new ApiKey(k.getString("keyId"), k.getString("sha256"), k.getDate("createdAt").toInstant()))
                .toList();
        return new Partner(d.getString("_id"), d.getString("name"), d.getString("contactEmail"),
                PartnerStatus.valueOf(d.getString("status")), ((Number) d.get("version")).longValue(), keys,
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(), quota(d.get("quota", Document.class)));
    }

    private static Quota quota(Document d) {
        return d == null ? null : new Quota(((Number) d.get("limitForPeriod")).intValue(),
                Duration.ofMillis(((Number) d.get("periodMillis")).longValue()));
    }
}
