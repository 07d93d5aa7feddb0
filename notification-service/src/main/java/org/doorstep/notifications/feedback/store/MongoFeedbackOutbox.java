package org.doorstep.notifications.feedback.store;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.doorstep.notifications.feedback.FeedbackOutbox;
import org.doorstep.notifications.feedback.SeekerFeedback;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MongoFeedbackOutbox implements FeedbackOutbox {

    static final String COLLECTION = "feedback";

    private final ReactiveMongoTemplate mongo;

    MongoFeedbackOutbox(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> record(SeekerFeedback feedback, String ceId, String data) {
        String field = feedback instanceof SeekerFeedback.MatchDismissed ? "dismissedAt" : "appliedAt";
        // matches only while this feedback was not given yet; when it was, the upsert collides on _id: no new event
        Query notYet = Query.query(Criteria.where("_id").is(feedback.matchId()).and(field).exists(false));
        Update update = new Update()
                .set("seekerId", feedback.seekerId())
                .set("postingId", feedback.postingId())
                .set(field, feedback.at())
                .set("pending", true)
                .push("outbox", new Document("ceId", ceId).append("type", feedback.type()).append("data", data)
                        .append("time", feedback.at()).append("createdAt", new Date()));
        return mongo.findAndModify(notYet, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class, COLLECTION)
                .map(doc -> true)
                .defaultIfEmpty(true)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flux<PendingEvent> pending(int limit) {
        return mongo.find(Query.query(Criteria.where("pending").is(true)).limit(limit), Document.class, COLLECTION)
                .flatMapIterable(doc -> ((List<Document>) doc.get("outbox", List.class)).stream()
                        .map(entry -> new PendingEvent(doc.getString("_id"), entry.getString("ceId"),
                                entry.getString("type"), entry.getString("data"), entry.getString("time")))
                        .toList());
    }

    @Override
    public Mono<Void> markSent(String matchId, String ceId) {
        Query query = Query.query(Criteria.where("_id").is(matchId));
        return mongo.updateFirst(query, new Update().pull("outbox", new Document("ceId", ceId)), COLLECTION)
                .then(mongo.remove(Query.query(Criteria.where("_id").is(matchId).and("erased").is(true)
                        .and("outbox").size(0)), COLLECTION))
                .then(mongo.updateFirst(Query.query(Criteria.where("_id").is(matchId).and("outbox").size(0)),
                        new Update().set("pending", false), COLLECTION))
                .then();
    }

    @Override
    public Mono<Void> erase(String seekerId) {
        // one write per document: the seeker's data and any unsent event give way to the tombstone of its match
        Update tombstone = new Update()
                .unset("seekerId").unset("postingId").unset("dismissedAt").unset("appliedAt")
                .set("erased", true)
                .set("pending", true)
                .set("outbox", List.of(new Document("ceId", UUID.randomUUID().toString()).append("createdAt", new Date())));
        return mongo.updateMulti(Query.query(Criteria.where("seekerId").is(seekerId)), tombstone, COLLECTION).then();
    }
}
