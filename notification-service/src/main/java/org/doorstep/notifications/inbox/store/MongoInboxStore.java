package org.doorstep.notifications.inbox.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxPage;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.inbox.MatchFound;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Repository
class MongoInboxStore implements InboxStore {

    static final String COLLECTION = "inbox";
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final ReactiveMongoTemplate mongo;
    private final JsonMapper json;

    MongoInboxStore(ReactiveMongoTemplate mongo, JsonMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @Override
    public Mono<InboxItem> addIfAbsent(InboxItem item) {
        Document doc = new Document("_id", item.matchId())
                .append("seekerId", item.seekerId())
                .append("postingId", item.match().postingId())
                .append("partnerId", item.match().posting().partnerId())
                .append("match", Document.parse(json.writeValueAsString(item.match())))
                .append("receivedAt", Date.from(item.receivedAt()))
                .append("expiresAt", Date.from(item.expiresAt()))
                .append("delivery", item.delivery().name());
        return mongo.insert(doc, COLLECTION)
                .map(this::toItem)
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findById(item.matchId(), Document.class, COLLECTION)
                        .map(this::toItem));
    }

    @Override
    public Mono<Void> refresh(MatchFound match) {
        Query newer = Query.query(Criteria.where("_id").is(match.matchId()).and("match.revision").lt(match.revision()));
        Update update = new Update().set("match", Document.parse(json.writeValueAsString(match)));
        return mongo.updateFirst(newer, update, COLLECTION).then();
    }

    @Override
    public Mono<InboxItem> find(String seekerId, String matchId, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(matchId).and("seekerId").is(seekerId)
                .and("expiresAt").gt(Date.from(now)));
        return mongo.findOne(query, Document.class, COLLECTION).map(this::toItem);
    }

    @Override
    public Mono<InboxPage> page(String seekerId, String cursor, int size, Instant now) {
        Criteria criteria = Criteria.where("seekerId").is(seekerId).and("expiresAt").gt(Date.from(now))
                .and("feedback").ne("DISMISSED");
        if (cursor != null && !cursor.isBlank()) {
            Cursor at = Cursor.decode(cursor);
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    Criteria.where("receivedAt").lt(new Date(at.receivedAtMillis())),
                    Criteria.where("receivedAt").is(new Date(at.receivedAtMillis())).and("_id").lt(at.matchId())));
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Order.desc("receivedAt"), Sort.Order.desc("_id")))
                .limit(size + 1);
        return mongo.find(query, Document.class, COLLECTION).collectList().map(docs -> {
            List<InboxItem> items = new ArrayList<>();
            for (int i = 0; i < Math.min(size, docs.size()); i++) {
                items.add(toItem(docs.get(i)));
            }
            String next = null;
            if (docs.size() > size) {
                InboxItem last = items.get(items.size() - 1);
                next = new Cursor(last.receivedAt().toEpochMilli(), last.matchId()).encode();
            }
            return new InboxPage(items, next);
        });
    }

    @Override
    public Mono<Void> markDelivery(String matchId, Delivery delivery, Instant holdUntil) {
        Update update = new Update().set("delivery", delivery.name())
                .set("holdUntil", holdUntil == null ? null : Date.from(holdUntil));
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(matchId)), update, COLLECTION).then();
    }

    @Override
    public Mono<Void> markFeedback(String seekerId, String matchId, String feedback) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(matchId).and("seekerId").is(seekerId)),
                new Update().set("feedback", feedback), COLLECTION).then();
    }

    @Override
    public Mono<Boolean> remove(String seekerId, String matchId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(matchId).and("seekerId").is(seekerId)), COLLECTION)
                .map(result -> result.getDeletedCount() > 0);
    }

    @Override
    public Flux<InboxItem> heldUntil(Instant now, int limit) {
        Query query = Query.query(Criteria.where("delivery").is(Delivery.HELD.name()).and("holdUntil").lte(Date.from(now)))
                .with(Sort.by("receivedAt", "_id")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).map(this::toItem);
    }

    @Override
    public Flux<InboxItem> waitingForDigest(String seekerId) {
        Query query = Query.query(Criteria.where("seekerId").is(seekerId).and("delivery").is(Delivery.DIGEST.name()))
                .with(Sort.by("receivedAt", "_id"));
        return mongo.find(query, Document.class, COLLECTION).map(this::toItem);
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
        MatchFound match = json.readValue(doc.get("match", Document.class).toJson(RELAXED), MatchFound.class);
        Date holdUntil = doc.getDate("holdUntil");
        return new InboxItem(match, doc.getDate("receivedAt").toInstant(), doc.getDate("expiresAt").toInstant(),
                Delivery.valueOf(doc.getString("delivery")), holdUntil == null ? null : holdUntil.toInstant(),
                doc.getString("feedback"));
    }

    private record Cursor(long receivedAtMillis, String matchId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((receivedAtMillis + ":" + matchId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new Cursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new org.doorstep.notifications.inbox.InvalidCursor(text);
            }
        }
    }
}
