package org.doorstep.notifications.webhook.store;

import java.time.Duration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Indexes for the dispatcher's due-event queries, dead letters and the delivery log. */
@Component
class WebhookIndexes implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    WebhookIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.concat(
                mongo.indexOps(MongoPartnerDeliveries.COLLECTION).createIndex(new Index()
                        .on("state", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC)),
                mongo.indexOps(MongoPartnerDeliveries.COLLECTION).createIndex(new Index()
                        .on("partnerId", Sort.Direction.ASC).on("state", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC)),
                mongo.indexOps(MongoPartnerDeliveries.COLLECTION).createIndex(new Index().on("seekerId", Sort.Direction.ASC)),
                mongo.indexOps(MongoDeliveryLog.COLLECTION).createIndex(new Index()
                        .on("partnerId", Sort.Direction.ASC).on("at", Sort.Direction.DESC)))
                .then().block(Duration.ofSeconds(30));
    }
}
