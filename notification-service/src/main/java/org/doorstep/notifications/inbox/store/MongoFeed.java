package org.doorstep.notifications.inbox.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A seeker's feed in three places, every read and write keyed:
 * <ul>
 * <li>{@code feed_index}: the numbers of the seeker's events ({@code seqs}) and the inbox items they received
 *     ({@code items}, {@link ListedItem}), one document per seeker and UTC day ({@code _id}
 *     {@code seekerId|2026-12-02}; {@code $push $each $slice}; a number or item listed twice is replayed or shown
 *     once). Replay and the inbox pages need them because the MongoDB-wire server answers a query on {@code seekerId}
 *     with a collection scan; a day's document stays small, so the whole-document rewrite each push costs
 *     (the wire server's stores and a real MongoDB's storage engine both write the new document) does not
 *     grow with the seeker's history. Days past the retention expire with the entries. The version before
 *     kept one document per seeker ({@code _id} seekerId, up to 1000 numbers): it is still read, never written.</li>
 * <li>{@code feed} ({@code _id} {@code seekerId|<sequence as 16 hex digits>}): the events no inbox item
 *     carries (withdrawals, digests), with their JSON; a repeated insert is a duplicate key (already done).
 *     Entries written before match.found events moved to the inbox (match.found with the match JSON) stay
 *     here and replay as they are.</li>
 * <li>{@code inbox} (match id): a match pushed live carries its event's key in {@code feedKey} (same form
 *     as a feed entry's {@code _id}; a unique, sparse index), and its match JSON is the event's data.</li>
 * </ul>
 * Appending lists the numbers and stores the entries in parallel, before the inbox is written; replay reads
 * the seeker's index documents by {@code _id $in} (the retained days), then the listed keys from {@code feed}
 * by {@code _id $in} and from {@code inbox} by {@code feedKey $in} (both answered from an index), and sends
 * what it finds: a listed number whose event is not stored yet (its batch has not written it) is not
 * replayed, and reaches the open streams when its batch pushes it.
 */
@Repository
class MongoFeed implements Feed {

    static final String COLLECTION = "feed";
    static final String INDEX = "feed_index";
    /** The inbox field holding the key of the match.found event the item carries. */
    static final String FEED_KEY = "feedKey";
    /** The index documents' list of the inbox items received that day ({@link ListedItem#entry()}). */
    static final String ITEMS = "items";
    private static final int DUPLICATE_KEY = 11000;
    private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final Bson CARRIED_FIELDS = Projections.include("seekerId", "match", FEED_KEY, "receivedAt", "expiresAt");

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration retention;
    private final int replayLimit;

    MongoFeed(ReactiveMongoTemplate mongo, Clock clock, InboxProperties settings,
              @Value("${doorstep.stream.replay-limit:1000}") int replayLimit) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = settings.itemTtl();
        this.replayLimit = replayLimit;
    }

    static String id(String seekerId, long sequence) {
        return seekerId + "|" + String.format("%016x", sequence);
    }

    static long sequenceOf(String key) {
        return Long.parseUnsignedLong(key.substring(key.lastIndexOf('|') + 1), 16);
    }

    @Override
    public Mono<Void> appendAll(List<FeedEvent> events, List<InboxItem> newItems) {
        if (events.isEmpty() && newItems.isEmpty()) {
            return Mono.empty();
        }
        List<Document> docs = new ArrayList<>();
        Map<Bucket, Listing> listings = new LinkedHashMap<>();
        for (FeedEvent event : events) {
            if (!event.carriedByInbox()) {
                docs.add(new Document("_id", id(event.seekerId(), event.sequence())).append("seekerId", event.seekerId())
                        .append("seq", event.sequence()).append("type", event.type()).append("matchId", event.matchId())
                        .append("data", event.data()).append("at", Date.from(event.at()))
                        .append("expiresAt", Date.from(event.at().plus(retention))));
            }
            listings.computeIfAbsent(Bucket.of(event.seekerId(), event.at()), bucket -> new Listing()).seqs.add(event.sequence());
        }
        for (InboxItem item : newItems) {
            listed(listings, item.seekerId(), ListedItem.of(item));
        }
        // in parallel: replay sends a listed number only once its event is stored, wherever that is
        Mono<Void> entries = docs.isEmpty() ? Mono.empty() : mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.insertMany(docs, UNORDERED_INSERT)))
                .then()
                .onErrorResume(MongoFeed::onlyDuplicates, e -> Mono.empty());
        return Mono.when(entries, writeIndex(listings));
    }

    /** Lists inbox items written before the day indexes listed them (the start-up backfill, {@link InboxIndexes}). */
    Mono<Void> listItems(Map<String, List<ListedItem>> bySeeker) {
        Map<Bucket, Listing> listings = new LinkedHashMap<>();
        bySeeker.forEach((seekerId, items) -> items.forEach(item -> listed(listings, seekerId, item)));
        return writeIndex(listings);
    }

    private static void listed(Map<Bucket, Listing> listings, String seekerId, ListedItem item) {
        listings.computeIfAbsent(Bucket.of(seekerId, Instant.ofEpochMilli(item.receivedAtMillis())), bucket -> new Listing())
                .items.add(item.entry());
    }

    private Mono<Void> writeIndex(Map<Bucket, Listing> listings) {
        if (listings.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> index = new ArrayList<>(listings.size());
        listings.forEach((bucket, listing) -> index.add(new UpdateOneModel<>(Filters.eq("_id", bucket.id()),
                listing.update(Date.from(bucket.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(retention)),
                        replayLimit), UPSERT)));
        return mongo.getCollection(INDEX).flatMap(collection -> Mono.from(collection.bulkWrite(index, UNORDERED))).then();
    }

    private static boolean onlyDuplicates(Throwable error) {
        return error instanceof MongoBulkWriteException bulk
                && bulk.getWriteErrors().stream().mapToInt(BulkWriteError::getCode).allMatch(code -> code == DUPLICATE_KEY);
    }

    @Override
    public Flux<FeedEvent> after(String seekerId, long sequence) {
        return replay(seekerId, sequence).flatMapIterable(Replay::events);
    }

    @Override
    public Mono<Replay> replay(String seekerId, long sequence) {
        Instant now = clock.instant();
        return listed(seekerId)
                .flatMap(sequences -> {
                    long newest = sequences.stream().mapToLong(Long::longValue).max().orElse(0);
                    long from = sequence > newest ? 0 : sequence;
                    List<Long> later = sequences.stream().filter(seq -> seq > from).distinct().sorted().toList();
                    List<String> ids = later.subList(Math.max(0, later.size() - replayLimit), later.size()).stream()
                            .map(seq -> id(seekerId, seq)).toList();
                    if (ids.isEmpty()) {
                        return Mono.just(new Replay(from, List.of()));
                    }
                    // one event per number: an entry of the previous layout and the item a redelivery completed may both hold it
                    return storedAt(ids, now)
                            .collect(TreeMap<Long, FeedEvent>::new, (bySequence, event) -> bySequence.putIfAbsent(event.sequence(), event))
                            .map(bySequence -> new Replay(from, List.copyOf(bySequence.values())));
                });
    }

    @Override
    public Mono<Map<FeedEvent.Key, FeedEvent>> stored(Collection<FeedEvent.Key> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<String> ids = keys.stream().map(key -> id(key.seekerId(), key.sequence())).distinct().toList();
        return storedAt(ids, clock.instant())
                .collect(HashMap::new, (found, event) -> found.putIfAbsent(event.key(), event));
    }

    /**
     * The retained events stored under these feed keys: feed entries by {@code _id $in}, and the inbox items that
     * carry one by {@code feedKey $in} (a unique index), in parallel; an item counts only if it is the seeker's that
     * the key names.
     */
    private Flux<FeedEvent> storedAt(List<String> ids, Instant now) {
        Flux<FeedEvent> entries = mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.in("_id", ids)))
                .filter(doc -> doc.getDate("expiresAt").toInstant().isAfter(now))
                .map(MongoFeed::toEvent);
        Flux<FeedEvent> carried = mongo.getCollection(MongoInboxStore.COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.in(FEED_KEY, ids)).projection(CARRIED_FIELDS))
                .filter(doc -> seekerOf(doc.getString(FEED_KEY)).equals(doc.getString("seekerId"))
                        && doc.getDate("expiresAt").toInstant().isAfter(now))
                .map(MongoFeed::carriedEvent);
        return Flux.merge(entries, carried);
    }

    private static String seekerOf(String key) {
        return key.substring(0, key.lastIndexOf('|'));
    }

    /** Every number listed for the seeker: the index documents of the retained days, and the one of the previous layout. */
    private Mono<List<Long>> listed(String seekerId) {
        return mongo.getCollection(INDEX)
                .flatMapMany(collection -> collection.find(Filters.in("_id", indexIds(seekerId)))
                        .projection(Projections.include("seqs")))
                .flatMapIterable(index -> index.getList("seqs", Number.class, List.of()))
                .map(Number::longValue)
                .collectList();
    }

    /** Every inbox item listed for the seeker in the index documents of the retained days (some listed twice). */
    Mono<List<ListedItem>> listedItems(String seekerId) {
        return mongo.getCollection(INDEX)
                .flatMapMany(collection -> collection.find(Filters.in("_id", indexIds(seekerId)))
                        .projection(Projections.include(ITEMS)))
                .flatMapIterable(index -> index.getList(ITEMS, String.class, List.of()))
                .map(ListedItem::parse)
                .collectList();
    }

    /**
     * The seeker's index documents that can list a retained event: one per UTC day back to the retention
     * (a day more on each side, for clocks that differ between instances), and the previous layout's.
     */
    private List<String> indexIds(String seekerId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> ids = new ArrayList<>();
        ids.add(seekerId);
        for (LocalDate day = today.minusDays(retention.toDays() + 1); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
            ids.add(new Bucket(seekerId, day).id());
        }
        return ids;
    }

    /** A seeker's index document for one UTC day. */
    private record Bucket(String seekerId, LocalDate day) {

        static Bucket of(String seekerId, Instant at) {
            return new Bucket(seekerId, LocalDate.ofInstant(at, ZoneOffset.UTC));
        }

        String id() {
            return seekerId + "|" + day;
        }
    }

    /** What a batch adds to one index document: event numbers and inbox items, each list kept to its last {@code limit}. */
    private static final class Listing {

        final List<Long> seqs = new ArrayList<>();
        final List<String> items = new ArrayList<>();

        Bson update(Date expiresAt, int limit) {
            List<Bson> updates = new ArrayList<>(3);
            if (!seqs.isEmpty()) {
                updates.add(Updates.pushEach("seqs", seqs, new PushOptions().slice(-limit)));
            }
            if (!items.isEmpty()) {
                updates.add(Updates.pushEach(ITEMS, items, new PushOptions().slice(-limit)));
            }
            updates.add(Updates.setOnInsert("expiresAt", expiresAt));
            return Updates.combine(updates);
        }
    }

    @Override
    public Mono<Map<FeedEvent.Key, FeedEvent>> find(Collection<FeedEvent.Key> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<String> ids = keys.stream().map(key -> id(key.seekerId(), key.sequence())).toList();
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.in("_id", ids)))
                .map(MongoFeed::toEvent)
                .collect(HashMap::new, (found, event) -> found.put(event.key(), event));
    }

    @Override
    public Mono<Void> purge(String seekerId) {
        return listed(seekerId).map(sequences -> sequences.stream().map(seq -> id(seekerId, seq)).distinct().toList())
                .flatMap(ids -> mongo.getCollection(COLLECTION)
                        .flatMap(collection -> Mono.from(collection.deleteMany(Filters.in("_id", ids)))))
                .then(mongo.getCollection(INDEX)
                        .flatMap(collection -> Mono.from(collection.deleteMany(Filters.in("_id", indexIds(seekerId))))))
                .then();
    }

    /** Entries and index days past their retention (an index day expires with the last entry it can list). */
    @Override
    public Mono<Long> expire(Instant now) {
        Query expired = Query.query(Criteria.where("expiresAt").lte(Date.from(now)));
        return mongo.remove(expired, COLLECTION).map(result -> result.getDeletedCount())
                .flatMap(entries -> mongo.remove(expired, INDEX).map(days -> entries + days.getDeletedCount()));
    }

    private static FeedEvent toEvent(Document doc) {
        return new FeedEvent(doc.getString("seekerId"), ((Number) doc.get("seq")).longValue(), doc.getString("type"),
                doc.getString("matchId"), doc.getString("data"), doc.getDate("at").toInstant());
    }

    /** The match.found event an inbox item carries: its number from {@code feedKey}, the match JSON as stored. */
    private static FeedEvent carriedEvent(Document item) {
        String data = StoredMatch.json(item.get("match"));
        return new FeedEvent(item.getString("seekerId"), sequenceOf(item.getString(FEED_KEY)), FeedEvent.MATCH_FOUND,
                item.getString("_id"), data, item.getDate("receivedAt").toInstant());
    }
}
