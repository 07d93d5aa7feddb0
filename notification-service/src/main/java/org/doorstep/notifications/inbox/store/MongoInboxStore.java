package org.doorstep.notifications.inbox.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.InboxChange;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxPage;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.match.MatchFound;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Repository
class MongoInboxStore implements InboxStore {

    static final String COLLECTION = "inbox";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    /** Items read at least at a time for a page: a few round trips at most however many were dismissed. */
    private static final int MIN_READ = 50;
    private static final String DISMISSED = "DISMISSED";

    private final ReactiveMongoTemplate mongo;
    private final MongoFeed index;
    private final JsonMapper json;

    MongoInboxStore(ReactiveMongoTemplate mongo, MongoFeed index, JsonMapper json) {
        this.mongo = mongo;
        this.index = index;
        this.json = json;
    }

    @Override
    public Mono<Map<String, InboxItem>> findAll(Collection<String> matchIds) {
        if (matchIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.in("_id", List.copyOf(matchIds))))
                .collectMap(doc -> doc.getString("_id"), this::toItem);
    }

    @Override
    public Mono<Void> apply(List<InboxChange> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(changes.size());
        for (InboxChange change : changes) {
            switch (change) {
                case InboxChange.Put put when put.created() -> writes.add(insert(put));
                case InboxChange.Put put -> writes.add(upsert(put));
                case InboxChange.Remove remove -> writes.add(new DeleteOneModel<>(Filters.eq("_id", remove.matchId())));
            }
        }
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.bulkWrite(writes, UNORDERED))
                        .onErrorResume(MongoBulkWriteException.class, e -> upsertInstead(collection, changes, e)))
                .then();
    }

    private InsertOneModel<Document> insert(InboxChange.Put put) {
        Document item = new Document("_id", put.matchId());
        item.putAll(fields(put.item(), put.matchJson()));
        return new InsertOneModel<>(item);
    }

    private UpdateOneModel<Document> upsert(InboxChange.Put put) {
        return new UpdateOneModel<>(Filters.eq("_id", put.matchId()), new Document("$set", fields(put.item(), put.matchJson())), UPSERT);
    }

    /**
     * New items are inserted: the local store takes an insert for half the work of an upsert (62 against 125 us of
     * CPU per item, {@code StoreWriteBenchmark} in the launcher). An item that appeared after the batch read the inbox
     * (written by another instance around a rebalance) fails as a duplicate and is written again as an upsert, which
     * ends with the same item as if it had been one from the start; the writes that did not fail are done (unordered).
     */
    private Mono<BulkWriteResult> upsertInstead(MongoCollection<Document> collection, List<InboxChange> changes,
                                                MongoBulkWriteException failure) {
        List<WriteModel<Document>> again = new ArrayList<>();
        for (BulkWriteError error : failure.getWriteErrors()) {
            boolean raced = error.getCategory() == ErrorCategory.DUPLICATE_KEY
                    && changes.get(error.getIndex()) instanceof InboxChange.Put put && put.created();
            if (!raced) {
                return Mono.error(failure);
            }
            again.add(upsert((InboxChange.Put) changes.get(error.getIndex())));
        }
        return again.isEmpty() ? Mono.error(failure) : Mono.from(collection.bulkWrite(again, UNORDERED));
    }

    /**
     * Every field but the seeker's feedback, which only the feedback path writes; {@code feedKey} once the item
     * carries a feed event (it keeps carrying one: a newer revision pushed live moves it to that event's key).
     */
    private Document fields(InboxItem item, String matchJson) {
        Document fields = new Document("seekerId", item.seekerId())
                .append("postingId", item.match().postingId())
                .append("partnerId", item.match().posting().partnerId())
                .append("match", StoredMatch.of(matchJson != null ? matchJson : json.writeValueAsString(item.match())))
                .append("receivedAt", Date.from(item.receivedAt()))
                .append("expiresAt", Date.from(item.expiresAt()))
                .append("delivery", item.delivery().name())
                .append("holdUntil", item.holdUntil() == null ? null : Date.from(item.holdUntil()));
        if (item.feedSequence() != null) {
            fields.append(MongoFeed.FEED_KEY, MongoFeed.id(item.seekerId(), item.feedSequence()));
        }
        return fields;
    }

    @Override
    public Mono<InboxItem> find(String seekerId, String matchId, Instant now) {
        return mongo.findById(matchId, Document.class, COLLECTION).map(this::toItem)
                .filter(item -> item.seekerId().equals(seekerId) && item.expiresAt().isAfter(now));
    }

    /**
     * Lists the seeker's items from their day indexes (one keyed read), newest first after the cursor, and reads them
     * by {@code _id $in} a few more than a page at a time until the page is full: an item withdrawn, expired or
     * dismissed since it was listed, or listed by an attempt that did not write it, is passed over.
     */
    @Override
    public Mono<InboxPage> page(String seekerId, String cursor, int size, Instant now) {
        ListedItem after = cursor == null || cursor.isBlank() ? null : ListedItem.ofCursor(cursor);
        return index.listedItems(seekerId).flatMap(listed -> {
            List<ListedItem> candidates = listed.stream().distinct()
                    .filter(item -> after == null || item.after(after))
                    .sorted(ListedItem.NEWEST_FIRST).toList();
            return shown(seekerId, candidates, 0, size + 1, now, new ArrayList<>());
        }).map(found -> {
            List<InboxItem> items = found.subList(0, Math.min(size, found.size()));
            String next = found.size() > size ? ListedItem.of(items.getLast()).cursor() : null;
            return new InboxPage(List.copyOf(items), next);
        });
    }

    private Mono<List<InboxItem>> shown(String seekerId, List<ListedItem> candidates, int from, int wanted, Instant now,
                                        List<InboxItem> found) {
        if (found.size() >= wanted || from >= candidates.size()) {
            return Mono.just(found);
        }
        List<ListedItem> read = candidates.subList(from, Math.min(candidates.size(),
                from + Math.max(2 * (wanted - found.size()), MIN_READ)));
        return findAll(read.stream().map(ListedItem::matchId).toList()).flatMap(byId -> {
            for (ListedItem listed : read) {
                InboxItem item = byId.get(listed.matchId());
                if (found.size() < wanted && item != null && listed.lists(item) && item.seekerId().equals(seekerId)
                        && item.expiresAt().isAfter(now) && !DISMISSED.equals(item.feedback())) {
                    found.add(item);
                }
            }
            return shown(seekerId, candidates, from + read.size(), wanted, now, found);
        });
    }

    @Override
    public Mono<Void> markFeedback(String matchId, String feedback) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(matchId)), new Update().set("feedback", feedback),
                COLLECTION).then();
    }

    @Override
    public Mono<Void> purge(String seekerId) {
        return mongo.remove(Query.query(Criteria.where("seekerId").is(seekerId)), COLLECTION).then();
    }

    @Override
    public Mono<Long> expire(Instant now) {
        return mongo.remove(Query.query(Criteria.where("expiresAt").lte(Date.from(now))), COLLECTION)
                .map(result -> result.getDeletedCount());
    }

    private InboxItem toItem(Document doc) {
        // the match is kept as its JSON text (encoding it as a nested document cost the driver more than the write)
        MatchFound match = json.readValue(StoredMatch.json(doc.get("match")), MatchFound.class);
        Date holdUntil = doc.getDate("holdUntil");
        String feedKey = doc.getString(MongoFeed.FEED_KEY);
        return new InboxItem(match, doc.getDate("receivedAt").toInstant(), doc.getDate("expiresAt").toInstant(),
                Delivery.valueOf(doc.getString("delivery")), holdUntil == null ? null : holdUntil.toInstant(),
                doc.getString("feedback"), feedKey == null ? null : MongoFeed.sequenceOf(feedKey));
    }
}
