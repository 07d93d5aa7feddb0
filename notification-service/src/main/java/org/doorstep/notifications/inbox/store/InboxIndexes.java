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
 * Indexes of the inbox and feed for a real MongoDB (the inbox page by seeker, TTL expiry). Every read
 * and write of the delivery path is by {@code _id}, so none of them needs more.
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
                mongo.indexOps(MongoFeed.COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                        .expire(Duration.ZERO)))
                .then().block(Duration.ofSeconds(30));
    }
}
