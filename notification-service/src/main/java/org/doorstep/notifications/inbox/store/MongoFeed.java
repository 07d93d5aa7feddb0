package org.doorstep.notifications.inbox.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Feed entries keyed {@code seekerId|<sequence as 16 hex digits>}, so a repeated append is a duplicate
 * key (already done) and every read is by {@code _id}. Replay needs the seeker's sequences without a
 * query on {@code seekerId} (which the MongoDB-wire server answers with a collection scan): each seeker
 * has one {@code feed_index} document listing their latest sequences ({@code $push $each $slice}, so it
 * stays bounded; a repeat only adds a duplicate number, which replay ignores). A reconnect is then two
 * keyed reads: the index by seeker id, the entries by {@code _id $in}.
 */
@Repository
class MongoFeed implements Feed {

    static final String COLLECTION = "feed";
    static final String INDEX = "feed_index";
    private static final int DUPLICATE_KEY = 11000;
    private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration retention;
    private final int replayLimit;

    MongoFeed(ReactiveMongoTemplate mongo, Clock clock, InboxSettings settings,
              @Value("${doorstep.stream.replay-limit:1000}") int replayLimit) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = settings.itemTtl();
        this.replayLimit = replayLimit;
    }

    static String id(String seekerId, long sequence) {
        return seekerId + "|" + String.format("%016x", sequence);
    }

    @Override
    public Mono<Void> appendAll(List<FeedEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        List<Document> docs = new ArrayList<>(events.size());
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        for (FeedEvent event : events) {
            docs.add(new Document("_id", id(event.seekerId(), event.sequence())).append("seekerId", event.seekerId())
                    .append("seq", event.sequence()).append("type", event.type()).append("matchId", event.matchId())
                    .append("data", event.data()).append("at", Date.from(event.at()))
                    .append("expiresAt", Date.from(event.at().plus(retention))));
            sequences.computeIfAbsent(event.seekerId(), id -> new ArrayList<>()).add(event.sequence());
        }
        List<WriteModel<Document>> index = new ArrayList<>(sequences.size());
        sequences.forEach((seekerId, seqs) -> index.add(new UpdateOneModel<>(Filters.eq("_id", seekerId),
                Updates.pushEach("seqs", seqs, new PushOptions().slice(-replayLimit)), UPSERT)));
        // entries first, then the index: whatever the index lists is stored
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.insertMany(docs, UNORDERED_INSERT)))
                .then()
                .onErrorResume(MongoFeed::onlyDuplicates, e -> Mono.empty())
                .then(mongo.getCollection(INDEX).flatMap(collection -> Mono.from(collection.bulkWrite(index, UNORDERED))))
                .then();
    }

    private static boolean onlyDuplicates(Throwable error) {
        return error instanceof MongoBulkWriteException bulk
                && bulk.getWriteErrors().stream().mapToInt(BulkWriteError::getCode).allMatch(code -> code == DUPLICATE_KEY);
    }

    @Override
    public Flux<FeedEvent> after(String seekerId, long sequence) {
        Instant now = clock.instant();
        return mongo.findById(seekerId, Document.class, INDEX)
                .flatMapMany(index -> {
                    List<String> ids = index.getList("seqs", Number.class).stream().mapToLong(Number::longValue)
                            .filter(seq -> seq > sequence).distinct().mapToObj(seq -> id(seekerId, seq)).toList();
                    if (ids.isEmpty()) {
                        return Flux.empty();
                    }
                    return mongo.getCollection(COLLECTION).flatMapMany(collection -> collection.find(Filters.in("_id", ids)));
                })
                .filter(doc -> doc.getDate("expiresAt").toInstant().isAfter(now))
                .map(MongoFeed::toEvent)
                .sort(Comparator.comparingLong(FeedEvent::sequence));
    }

    @Override
    public Mono<Set<FeedEvent.Key>> existing(Collection<FeedEvent.Key> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<String> ids = keys.stream().map(key -> id(key.seekerId(), key.sequence())).toList();
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.in("_id", ids)))
                .map(doc -> toEvent(doc).key())
                .collect(HashSet::new, Set::add);
    }

    @Override
    public Mono<Void> purge(String seekerId) {
        return after(seekerId, -1).map(event -> id(seekerId, event.sequence())).collectList()
                .flatMap(ids -> mongo.getCollection(COLLECTION)
                        .flatMap(collection -> Mono.from(collection.deleteMany(Filters.in("_id", ids)))))
                .then(mongo.remove(Query.query(Criteria.where("_id").is(seekerId)), INDEX))
                .then();
    }

    @Override
    public Mono<Long> expire(Instant now) {
        return mongo.remove(Query.query(Criteria.where("expiresAt").lte(Date.from(now))), COLLECTION)
                .map(result -> result.getDeletedCount());
    }

    private static FeedEvent toEvent(Document doc) {
        return new FeedEvent(doc.getString("seekerId"), ((Number) doc.get("seq")).longValue(), doc.getString("type"),
                doc.getString("matchId"), doc.getString("data"), doc.getDate("at").toInstant());
    }
}
