package org.doorstep.notifications.webhook.store;

import java.util.Date;

import org.bson.Document;
import org.doorstep.notifications.webhook.WebhookSubscriptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class MongoWebhookSubscriptions implements WebhookSubscriptions {

    static final String COLLECTION = "webhooks";

    private final ReactiveMongoTemplate mongo;

    MongoWebhookSubscriptions(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> save(Subscription subscription) {
        Update update = new Update().set("url", subscription.url()).set("signingSecret", subscription.signingSecret())
                .set("registeredAt", Date.from(subscription.registeredAt()));
        return mongo.upsert(Query.query(Criteria.where("_id").is(subscription.partnerId())), update, COLLECTION).then();
    }

    @Override
    public Mono<Boolean> remove(String partnerId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(partnerId)), COLLECTION).map(result -> result.getDeletedCount() > 0);
    }

    @Override
    public Mono<Subscription> find(String partnerId) {
        return mongo.findById(partnerId, Document.class, COLLECTION)
                .map(doc -> new Subscription(doc.getString("_id"), doc.getString("url"), doc.getString("signingSecret"),
                        doc.getDate("registeredAt").toInstant()));
    }
}
