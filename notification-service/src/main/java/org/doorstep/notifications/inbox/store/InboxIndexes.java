package org.doorstep.notifications.inbox.store;

import java.time.Duration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Indexes of the inbox and feed. For a real MongoDB: the inbox page by seeker, TTL expiry. For both
 * stores: the unique, sparse {@code feedKey} of the inbox (the key of the match.found feed event an item
 * carries), by which replay reads those items ({@code feedKey $in}; the MongoDB-wire server answers a
 * filter that is exactly a single-key unique index from the index). Every other read and write of the
 * delivery path is by {@code _id}.
 */
@Component
class InboxIndexes implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    InboxIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
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
    }
}
