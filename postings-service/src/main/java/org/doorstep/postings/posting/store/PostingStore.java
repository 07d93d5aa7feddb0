package org.doorstep.postings.posting.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.doorstep.postings.outbox.OutboxRelay;
import org.doorstep.postings.outbox.RelayedOutbox;
import org.doorstep.postings.outbox.store.MongoPendingOutbox;
import org.doorstep.postings.outbox.store.OutboxDocuments;
import org.doorstep.postings.posting.CampaignReach;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingEvent;
import org.doorstep.postings.posting.PostingRepository;
import org.doorstep.postings.posting.PostingStatus;
import org.doorstep.postings.posting.Revision;
import org.doorstep.postings.posting.messaging.PostingEvents;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queries are plain documents whose keys equal an index's keys (not {@code $and}), so that every store,
 * including the MongoDB-wire test server, answers them from the index.
 * <p>
 * The postings collection: one document per posting (unique per partner and externalId) holding
 * its state and its outbox. Changes are conditional on the version read (optimistic concurrency).
 */
@Component
public class PostingStore implements PostingRepository, CampaignReach, SmartInitializingSingleton {

    private static final String COLLECTION = "postings";

    private final ReactiveMongoTemplate mongo;
    private final PostingEvents events;
    private final RelayedOutbox outbox;

    PostingStore(ReactiveMongoTemplate mongo, OutboxRelay relay, PostingEvents events) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = relay.register(new MongoPendingOutbox(COLLECTION, mongo));
    }

    @Override
    public void afterSingletonsInstantiated() {
        collection().flatMapMany(c -> Flux.concat(
                c.createIndex(Indexes.ascending("partnerId", "externalId"),
                        new IndexOptions().unique(true).name("partnerExternalId")),
                // serves the version-conditional writes (an index lookup, not a scan, on every store)
                c.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("idVersion")),
                c.createIndex(Indexes.ascending("status", "validThrough"), new IndexOptions().name("statusValidThrough")),
                c.createIndex(Indexes.ascending("campaignCodes"), new IndexOptions().name("campaignCodes"))))
                .then().block();
    }

    @Override
    public Mono<Posting> find(String partnerId, String externalId) {
        return collection().flatMap(c -> Mono.from(
                c.find(new Document("partnerId", partnerId).append("externalId", externalId)).first()))
                .map(PostingDocuments::toPosting);
    }

    @Override
    public Mono<Posting> insert(Posting posting, List<PostingEvent> events) {
        Document doc = PostingDocuments.toDocument(posting);
        doc.append(OutboxDocuments.FIELD, OutboxDocuments.toDocuments(this.events.entries(events)));
        return collection().flatMap(c -> Mono.from(c.insertOne(doc)))
                .then(Mono.fromSupplier(() -> published(doc, posting)))
                .onErrorResume(PostingStore::duplicateKey, e -> Mono.empty());
    }

    /** Also hands the document's pending events (older ones a failed publish left too) to the relay. */
    @Override
    public Mono<Posting> update(long expectedVersion, Posting posting, List<PostingEvent> events) {
        return write(expectedVersion, posting, events).map(doc -> published(doc, posting));
    }

    private Mono<Document> write(long expectedVersion, Posting posting, List<PostingEvent> events) {
        Document state = PostingDocuments.toDocument(posting);
        state.remove("_id");
        List<Bson> sets = new ArrayList<>();
        state.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.pushEach(OutboxDocuments.FIELD, OutboxDocuments.toDocuments(this.events.entries(events))));
        return collection().flatMap(c -> Mono.from(c.findOneAndUpdate(
                new Document("_id", posting.postingId()).append("version", expectedVersion),
                Updates.combine(sets),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
    }

    /**
     * Unordered; the broker's wait means an ingest cannot outrun it (what the broker did not take waits for the
     * sweeper). A posting that appeared meanwhile is a duplicate key.
     */
    @Override
    public Mono<List<Posting>> insertAll(List<Revision> created) {
        return insertDocuments(created).flatMap(written -> outbox.publishAllOrDefer(
                        written.stream().map(MongoPendingOutbox::written).toList())
                .then(Mono.fromSupplier(() -> {
                    java.util.Set<Object> ids = new java.util.HashSet<>();
                    written.forEach(d -> ids.add(d.get("_id")));
                    return created.stream().map(Revision::posting).filter(p -> ids.contains(p.postingId())).toList();
                })));
    }

    private Mono<List<Document>> insertDocuments(List<Revision> created) {
        List<Document> docs = new ArrayList<>();
        String batch = java.util.UUID.randomUUID().toString();
        for (Revision revision : created) {
            Document doc = PostingDocuments.toDocument(revision.posting());
            doc.append(OutboxDocuments.FIELD, OutboxDocuments.toDocuments(events.entries(revision.events()), batch));
            docs.add(doc);
        }
        if (docs.isEmpty()) {
            return Mono.just(List.of());
        }
        return collection()
                .flatMap(c -> Mono.from(c.insertMany(docs, new com.mongodb.client.model.InsertManyOptions().ordered(false))))
                .thenReturn(docs)
                .onErrorResume(com.mongodb.MongoBulkWriteException.class, e -> {
                    java.util.Set<Integer> failed = new java.util.HashSet<>();
                    e.getWriteErrors().forEach(error -> failed.add(error.getIndex()));
                    List<Document> written = new ArrayList<>();
                    for (int i = 0; i < docs.size(); i++) {
                        if (!failed.contains(i)) {
                            written.add(docs.get(i));
                        }
                    }
                    return Mono.just(written);
                })
                // any other failure: which of them were written is read back by their (new) ids
                .onErrorResume(e -> !(e instanceof com.mongodb.MongoBulkWriteException), e -> collection()
                        .flatMapMany(c -> c.find(Filters.in("_id", docs.stream().map(d -> d.get("_id")).toList())))
                        .map(d -> d.get("_id"))
                        .collect(java.util.stream.Collectors.toSet())
                        .map(ids -> docs.stream().filter(d -> ids.contains(d.get("_id"))).toList()));
    }

    @Override
    public Flux<Posting> page(String partnerId, PostingStatus status, String afterExternalId, int limit) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("partnerId", partnerId));
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (afterExternalId != null) {
            filters.add(Filters.gt("externalId", afterExternalId));
        }
        return collection().flatMapMany(c -> c.find(Filters.and(filters))
                        .sort(Sorts.ascending("externalId")).limit(limit))
                .map(PostingDocuments::toPosting);
    }

    /** A scan on the MongoDB-wire server. */
    @Override
    public Flux<Posting> expired(Instant now, int limit) {
        return collection().flatMapMany(c -> c.find(Filters.and(
                        Filters.eq("status", PostingStatus.OPEN.name()),
                        Filters.lt("validThrough", Date.from(now)))).limit(limit))
                .map(PostingDocuments::toPosting);
    }

    @Override
    public Flux<Posting> byIds(List<String> postingIds) {
        return collection().flatMapMany(c -> c.find(Filters.in("_id", postingIds))).map(PostingDocuments::toPosting);
    }

    /** Open postings of a campaign, counted with their vacancies, by region code (a search, on request only). */
    @Override
    public Flux<RegionReach> byRegion(String campaignCode) {
        return collection().flatMapMany(c -> c.aggregate(List.of(
                Aggregates.match(Filters.and(Filters.eq("status", PostingStatus.OPEN.name()),
                        Filters.eq("campaignCodes", campaignCode))),
                Aggregates.group("$location.regionCode", Accumulators.sum("postings", 1),
                        Accumulators.sum("vacancies", "$vacancies")))))
                .map(d -> new RegionReach(d.getString("_id"), ((Number) d.get("postings")).longValue(),
                        ((Number) d.get("vacancies")).longValue()));
    }

    /** Hands the document's pending events to the relay, which publishes them in the background; then the answer. */
    private <T> T published(Document doc, T answer) {
        outbox.trigger(doc.get("_id"), OutboxDocuments.pending(doc));
        return answer;
    }

    private static boolean duplicateKey(Throwable e) {
        return e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
