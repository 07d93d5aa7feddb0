package org.doorstep.notifications.inbox.store;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Indexes of the inbox and feed. For a real MongoDB: the inbox by seeker (erasure), TTL expiry. For both
 * stores: the unique, sparse {@code feedKey} of the inbox (the key of the match.found feed event an item
 * carries), by which replay reads those items ({@code feedKey $in}; the MongoDB-wire server answers a
 * filter that is exactly a single-key unique index from the index). Every other read and write of the
 * delivery path, and the inbox pages, are by {@code _id}.
 * <p>
 * Once per store, after the indexes, it lists the inbox items written before the seekers' day indexes listed
 * them (one read of the whole inbox, in the background; the marker {@code migrations/inbox-items-listed} says it is
 * done), so that an upgrade in place keeps every item on the inbox pages. An item an instance of the previous
 * version writes after that read, during a rolling upgrade, is not listed.
 */
@Component
class InboxIndexes implements ApplicationRunner {

    static final String MIGRATIONS = "migrations";
    static final String ITEMS_LISTED = "inbox-items-listed";
    private static final int LISTED_AT_A_TIME = 1_000;
    private static final Logger log = LoggerFactory.getLogger(InboxIndexes.class);

    private final ReactiveMongoTemplate mongo;
    private final MongoFeed feed;

    InboxIndexes(ReactiveMongoTemplate mongo, MongoFeed feed) {
        this.mongo = mongo;
        this.feed = feed;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.concat(
                mongo.indexOps(MongoInboxStore.COLLECTION).createIndex(new Index().on("seekerId", Sort.Direction.ASC)
                        .on("receivedAt", Sort.Direction.DESC)),
                mongo.indexOps(MongoInboxStore.COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                        .expire(Duration.ZERO)),
                mongo.indexOps(MongoInboxStore.COLLECTION).createIndex(new Index().on(MongoFeed.FEED_KEY, Sort.Direction.ASC)
                        .unique().sparse()),
                mongo.indexOps(MongoFeed.COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                        .expire(Duration.ZERO)),
                mongo.indexOps(MongoFeed.INDEX).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                        .expire(Duration.ZERO)))
                .then().block(Duration.ofSeconds(30));
        listEarlierItems().subscribe(listed -> {
            if (listed >= 0) {
                log.info("Listed {} inbox items written before the seekers' day indexes listed them", listed);
            }
        }, error -> log.warn("Listing earlier inbox items failed; the next start tries again", error));
    }

    /** How many items it listed, or -1 when the store's items were listed before. */
    Mono<Long> listEarlierItems() {
        return mongo.getCollection(MIGRATIONS)
                .flatMap(migrations -> Mono.from(migrations.find(Filters.eq("_id", ITEMS_LISTED)).first()))
                .map(done -> -1L)
                .switchIfEmpty(Mono.defer(() -> mongo.getCollection(MongoInboxStore.COLLECTION)
                        .flatMapMany(inbox -> inbox.find().projection(Projections.include("seekerId", "receivedAt")))
                        .buffer(LISTED_AT_A_TIME)
                        .concatMap(items -> feed.listItems(bySeeker(items)).thenReturn(items.size()))
                        .reduce(0L, Long::sum)
                        .flatMap(listed -> markListed().thenReturn(listed))));
    }

    private static Map<String, List<ListedItem>> bySeeker(List<Document> items) {
        return items.stream().collect(Collectors.groupingBy(item -> item.getString("seekerId"), Collectors.mapping(
                item -> new ListedItem(item.getDate("receivedAt").getTime(), item.getString("_id")), Collectors.toList())));
    }

    private Mono<Void> markListed() {
        return mongo.getCollection(MIGRATIONS)
                .flatMap(migrations -> Mono.from(migrations.insertOne(new Document("_id", ITEMS_LISTED).append("at", new Date()))))
                .onErrorResume(e -> e instanceof MongoWriteException write
                        && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY, e -> Mono.empty())
                .then();
    }
}
