package org.doorstep.notifications.webhook.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.doorstep.notifications.webhook.PartnerDeliveries;
import org.doorstep.notifications.webhook.PartnerEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Webhook events, one document each, {@code _id = partnerId|eventId}; claims are atomic findOneAndUpdate leases.
 * Beside them, each seeker's audience: the partners told about the seeker, kept after the events are forgotten.
 */
@Repository
class MongoPartnerDeliveries implements PartnerDeliveries {

    static final String COLLECTION = "webhook_events";
    /** Per seeker ({@code _id} = seekerId), the partners told about them: who to tell when they are erased. */
    static final String AUDIENCE = "webhook_audience";
    private static final String PENDING = "PENDING";
    private static final String IN_FLIGHT = "IN_FLIGHT";
    private static final String DELIVERED = "DELIVERED";
    private static final String DEAD = "DEAD";

    private final ReactiveMongoTemplate mongo;

    MongoPartnerDeliveries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> enqueue(PartnerEvent event) {
        Document doc = new Document("_id", event.partnerId() + "|" + event.eventId())
                .append("partnerId", event.partnerId()).append("eventId", event.eventId())
                .append("type", event.type()).append("seekerId", event.seekerId()).append("matchId", event.matchId())
                .append("data", event.data()).append("createdAt", Date.from(event.createdAt()))
                .append("state", PENDING).append("dueAt", Date.from(event.createdAt()));
        return mongo.insert(doc, COLLECTION).then().onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
    }

    private static Criteria due(Instant now) {
        return new Criteria().orOperator(
                Criteria.where("state").is(PENDING).and("dueAt").lte(Date.from(now)),
                Criteria.where("state").is(IN_FLIGHT).and("leaseUntil").lte(Date.from(now)));
    }

    @Override
    public Flux<String> partnersWithDue(Instant now) {
        return mongo.findDistinct(Query.query(due(now)), "partnerId", COLLECTION, Document.class, String.class);
    }

    /**
     * Leases the partner's oldest undelivered events, in the order they were made, up to {@code max}; the batch ends
     * at the first one that is not due (waiting out a back-off or an open circuit, or leased by a dispatch still
     * running), so that a later event never overtakes an earlier one. Each lease is conditional on the event being
     * still due: an event another dispatcher took in between ends the batch too.
     */
    @Override
    public Flux<PartnerEvent> claim(String partnerId, Instant now, Instant leaseUntil, int max) {
        Query oldest = Query.query(Criteria.where("partnerId").is(partnerId).and("state").in(PENDING, IN_FLIGHT))
                .with(Sort.by("createdAt", "_id")).limit(max);
        Update lease = new Update().set("state", IN_FLIGHT).set("leaseUntil", Date.from(leaseUntil));
        return mongo.find(oldest, Document.class, COLLECTION)
                .takeWhile(event -> isDue(event, now))
                .concatMap(event -> mongo.findAndModify(
                                Query.query(new Criteria().andOperator(Criteria.where("_id").is(event.get("_id")), due(now))),
                                lease, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                        .map(Optional::of).defaultIfEmpty(Optional.empty()))
                .takeWhile(Optional::isPresent)
                .map(found -> toEvent(found.get()));
    }

    private static boolean isDue(Document event, Instant now) {
        Date at = PENDING.equals(event.getString("state")) ? event.getDate("dueAt") : event.getDate("leaseUntil");
        return at == null || !at.toInstant().isAfter(now);
    }

    @Override
    public Mono<Void> delivered(String partnerId, Collection<String> eventIds, Instant at) {
        return mongo.updateMulti(byIds(partnerId, eventIds), new Update().set("state", DELIVERED)
                .set("deliveredAt", Date.from(at)).unset("leaseUntil"), COLLECTION).then();
    }

    @Override
    public Mono<Void> postpone(String partnerId, Collection<String> eventIds, Instant dueAt) {
        return mongo.updateMulti(byIds(partnerId, eventIds), new Update().set("state", PENDING)
                .set("dueAt", Date.from(dueAt)).unset("leaseUntil"), COLLECTION).then();
    }

    @Override
    public Mono<Void> dead(String partnerId, Collection<String> eventIds, String error, Instant at) {
        return mongo.updateMulti(byIds(partnerId, eventIds), new Update().set("state", DEAD)
                .set("lastError", error).set("failedAt", Date.from(at)).unset("leaseUntil"), COLLECTION).then();
    }

    @Override
    public Flux<DeadLetter> deadLetters(String partnerId, int limit) {
        Query query = Query.query(Criteria.where("partnerId").is(partnerId).and("state").is(DEAD))
                .with(Sort.by("createdAt", "_id")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION)
                .map(doc -> new DeadLetter(doc.getString("eventId"), doc.getString("type"), doc.getString("matchId"),
                        doc.getString("data"), doc.getString("lastError"), doc.getDate("failedAt").toInstant(),
                        doc.getDate("createdAt").toInstant()));
    }

    @Override
    public Mono<Long> replay(String partnerId, List<String> eventIds, Instant now) {
        Criteria criteria = Criteria.where("partnerId").is(partnerId).and("state").is(DEAD);
        if (eventIds != null && !eventIds.isEmpty()) {
            criteria = criteria.and("eventId").in(eventIds);
        }
        return mongo.updateMulti(Query.query(criteria), new Update().set("state", PENDING).set("dueAt", Date.from(now))
                        .set("replayedAt", Date.from(now)), COLLECTION)
                .map(result -> result.getModifiedCount());
    }

    @Override
    public Mono<Void> purgeSeeker(String seekerId) {
        return mongo.remove(Query.query(Criteria.where("seekerId").is(seekerId).and("type").ne(PartnerEvent.SEEKER_ERASED)),
                COLLECTION).then();
    }

    @Override
    public Flux<String> eventIdsOf(String seekerId) {
        // a query on seekerId, erasure only (like purgeSeeker)
        return mongo.findDistinct(Query.query(Criteria.where("seekerId").is(seekerId).and("type").ne(PartnerEvent.SEEKER_ERASED)),
                "eventId", COLLECTION, Document.class, String.class);
    }

    @Override
    public Flux<String> undeliveredEventIdsOf(String seekerId) {
        return mongo.findDistinct(Query.query(Criteria.where("seekerId").is(seekerId).and("state").in(PENDING, DEAD)),
                "eventId", COLLECTION, Document.class, String.class);
    }

    @Override
    public Flux<String> audienceOf(String seekerId) {
        Flux<String> recorded = mongo.findById(seekerId, Document.class, AUDIENCE)
                .flatMapIterable(doc -> doc.getList("partners", String.class, List.of()));
        // events queued before audiences were recorded (an upgrade in place); a query on seekerId, erasure only
        Flux<String> held = mongo.findDistinct(Query.query(Criteria.where("seekerId").is(seekerId)
                .and("type").ne(PartnerEvent.SEEKER_ERASED)), "partnerId", COLLECTION, Document.class, String.class);
        return Flux.concat(recorded, held).distinct();
    }

    @Override
    public Mono<Void> addToAudience(String seekerId, String partnerId) {
        return mongo.upsert(Query.query(Criteria.where("_id").is(seekerId)), new Update().addToSet("partners", partnerId),
                AUDIENCE).then();
    }

    @Override
    public Mono<Void> forgetAudience(String seekerId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(seekerId)), AUDIENCE).then();
    }

    @Override
    public Mono<Void> dropUndelivered(String seekerId) {
        return mongo.remove(Query.query(Criteria.where("seekerId").is(seekerId).and("state").in(PENDING, DEAD)),
                COLLECTION).then();
    }

    @Override
    public Mono<Long> forgetDelivered(Instant before) {
        return mongo.remove(Query.query(Criteria.where("state").is(DELIVERED).and("deliveredAt").lt(Date.from(before))),
                COLLECTION).map(result -> result.getDeletedCount());
    }

    private static Query byIds(String partnerId, Collection<String> eventIds) {
        return Query.query(Criteria.where("partnerId").is(partnerId).and("eventId").in(eventIds));
    }

    private static PartnerEvent toEvent(Document doc) {
        return new PartnerEvent(doc.getString("partnerId"), doc.getString("eventId"), doc.getString("type"),
                doc.getString("seekerId"), doc.getString("matchId"), doc.getString("data"),
                doc.getDate("createdAt").toInstant());
    }
}
