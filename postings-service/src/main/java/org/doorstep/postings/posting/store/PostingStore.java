package org.doorstep.postings.posting.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

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
import org.doorstep.postings.outbox.OutboxCollection;
import org.doorstep.postings.outbox.OutboxEntry;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingStatus;
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
public class PostingStore implements SmartInitializingSingleton {

    public static final OutboxCollection COLLECTION = new OutboxCollection("postings");

    private final ReactiveMongoTemplate mongo;

    PostingStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
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

    public Mono<Document> find(String partnerId, String externalId) {
        return collection().flatMap(c -> Mono.from(
                c.find(new Document("partnerId", partnerId).append("externalId", externalId)).first()));
    }

    /** Inserts a new posting with its first events; fails with a duplicate-key error if it appeared meanwhile. */
    public Mono<Document> insert(Posting posting, List<OutboxEntry> events) {
        Document doc = PostingDocuments.toDocument(posting);
        doc.append(OutboxEntry.FIELD, events.stream().map(OutboxEntry::toDocument).toList());
        return collection().flatMap(c -> Mono.from(c.insertOne(doc))).thenReturn(doc);
    }

    /**
     * Writes the new state and appends its events to the outbox, if the posting is still at
     * {@code expectedVersion}; empty otherwise. Returns the document after the write.
     */
    public Mono<Document> update(long expectedVersion, Posting posting, List<OutboxEntry> events) {
        Document state = PostingDocuments.toDocument(posting);
        state.remove("_id");
        List<Bson> sets = new ArrayList<>();
        state.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.pushEach(OutboxEntry.FIELD, events.stream().map(OutboxEntry::toDocument).toList()));
        return collection().flatMap(c -> Mono.from(c.findOneAndUpdate(
                new Document("_id", posting.postingId()).append("version", expectedVersion),
                Updates.combine(sets),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))));
    }

    /**
     * Inserts new postings with their first events in one round trip (unordered). Returns the documents
     * written; a posting that appeared meanwhile (duplicate key) is left out, for the caller to retry.
     */
    public Mono<List<Document>> insertAll(List<Posting> postings, List<List<OutboxEntry>> events) {
        List<Document> docs = new ArrayList<>();
        String batch = java.util.UUID.randomUUID().toString();
        for (int i = 0; i < postings.size(); i++) {
            Document doc = PostingDocuments.toDocument(postings.get(i));
            doc.append(OutboxEntry.FIELD, events.get(i).stream().map(e -> e.toDocument(batch)).toList());
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

    /** A page of a partner's postings ordered by externalId, after {@code afterExternalId} (exclusive). */
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

    /**
     * Open postings whose validThrough is before {@code now}: a search (a scan on the MongoDB-wire server),
     * for the expiry job's searches only.
     */
    public Flux<Posting> expired(Instant now, int limit) {
        return collection().flatMapMany(c -> c.find(Filters.and(
                        Filters.eq("status", PostingStatus.OPEN.name()),
                        Filters.lt("validThrough", Date.from(now)))).limit(limit))
                .map(PostingDocuments::toPosting);
    }

    /** These postings, read by {@code _id}. */
    public Flux<Posting> byIds(List<String> postingIds) {
        return collection().flatMapMany(c -> c.find(Filters.in("_id", postingIds))).map(PostingDocuments::toPosting);
    }

    /** Open postings of a campaign, counted with their vacancies, by region code. */
    public Flux<RegionProgress> progress(String campaignCode) {
        return collection().flatMapMany(c -> c.aggregate(List.of(
                Aggregates.match(Filters.and(Filters.eq("status", PostingStatus.OPEN.name()),
                        Filters.eq("campaignCodes", campaignCode))),
                Aggregates.group("$location.regionCode", Accumulators.sum("postings", 1),
                        Accumulators.sum("vacancies", "$vacancies")))))
                .map(d -> new RegionProgress(d.getString("_id"), ((Number) d.get("postings")).longValue(),
                        ((Number) d.get("vacancies")).longValue()));
    }

    public record RegionProgress(String regionCode, long openPostings, long vacancies) {
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION.name());
    }
}
