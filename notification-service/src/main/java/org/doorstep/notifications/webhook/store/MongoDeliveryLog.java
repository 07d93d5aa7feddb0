package org.doorstep.notifications.webhook.store;

import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.doorstep.notifications.webhook.DeliveryLog;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MongoDeliveryLog implements DeliveryLog {

    static final String COLLECTION = "webhook_attempts";

    private final ReactiveMongoTemplate mongo;

    MongoDeliveryLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> record(Attempt a) {
        Document doc = new Document("partnerId", a.partnerId()).append("batchId", a.batchId())
                .append("eventIds", a.eventIds()).append("attempt", a.attempt()).append("url", a.url())
                .append("status", a.status()).append("outcome", a.outcome()).append("error", a.error())
                .append("durationMillis", a.durationMillis()).append("at", Date.from(a.at()));
        return mongo.insert(doc, COLLECTION).then();
    }

    @Override
    public Mono<Void> forgetEvents(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Mono.empty();
        }
        return mongo.updateMulti(Query.query(Criteria.where("eventIds").in(eventIds)),
                new Update().pullAll("eventIds", eventIds.toArray()), COLLECTION).then();
    }

    @Override
    public Mono<Long> forget(java.time.Instant before) {
        return mongo.remove(Query.query(Criteria.where("at").lt(Date.from(before))), COLLECTION)
                .map(result -> result.getDeletedCount());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flux<Attempt> recent(String partnerId, int limit) {
        Query query = Query.query(Criteria.where("partnerId").is(partnerId))
                .with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"))).limit(limit);
        return mongo.find(query, Document.class, COLLECTION)
                .map(doc -> new Attempt(doc.getString("partnerId"), doc.getString("batchId"),
                        (List<String>) doc.get("eventIds", List.class), doc.getInteger("attempt"), doc.getString("url"),
                        doc.getInteger("status"), doc.getString("outcome"), doc.getString("error"),
                        ((Number) doc.get("durationMillis")).longValue(), doc.getDate("at").toInstant()));
    }
}
