package org.doorstep.notifications.application.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.doorstep.notifications.application.Application;
import org.doorstep.notifications.application.ApplicationStatus;
import org.doorstep.notifications.application.ApplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code applications}: one document per application ({@code _id} = applicationId) with its outbox; every change is
 * written at exactly {@code {_id, version}}, the keys of a unique index. {@code seekerApplications}: one document per
 * seeker ({@code _id} = seekerId) listing the seeker's application ids. The relay's search for pending events is the
 * one scan ({@code pending: true}), as in the feedback outbox.
 */
@Repository
class MongoApplicationStore implements ApplicationStore, SmartInitializingSingleton {

    static final String COLLECTION = "applications";
    static final String BY_SEEKER = "seekerApplications";
    static final String BY_PARTNER = "partnerApplications";
    static final String MIGRATIONS = "migrations";
    static final String PARTNERS_LISTED = "partner-applications-listed";
    private static final Logger log = LoggerFactory.getLogger(MongoApplicationStore.class);
    private static final String POSTING_CLOSED_AT = "postingClosedAt";

    private final ReactiveMongoTemplate mongo;

    MongoApplicationStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("version", Sort.Direction.ASC).unique().named("idVersion")).block();
        listEarlierApplications().subscribe(listed -> {
            if (listed >= 0) {
                log.info("Listed {} applications made before partners' lists were kept", listed);
            }
        }, error -> log.warn("Listing earlier applications for their partners failed; the next start tries again", error));
    }

    /**
     * Once per store: lists for their partners the applications made before the partners' lists were kept (one read
     * of the applications, oldest first, in the background); -1 when that was done before.
     */
    Mono<Long> listEarlierApplications() {
        return mongo.findById(PARTNERS_LISTED, Document.class, MIGRATIONS)
                .map(done -> -1L)
                .switchIfEmpty(Mono.defer(() -> mongo.find(new Query().with(Sort.by("createdAt")), Document.class, COLLECTION)
                        .filter(d -> d.getString("partnerId") != null)
                        .collectMultimap(d -> d.getString("partnerId"), d -> d.getString("_id"))
                        .flatMap(byPartner -> Flux.fromIterable(byPartner.entrySet())
                                .concatMap(e -> mongo.upsert(Query.query(Criteria.where("_id").is(e.getKey())),
                                        new Update().addToSet("applicationIds").each(e.getValue().toArray()), BY_PARTNER))
                                .then(Mono.just((long) byPartner.values().stream().mapToInt(java.util.Collection::size).sum())))
                        .flatMap(listed -> mongo.insert(new Document("_id", PARTNERS_LISTED).append("at", new Date()), MIGRATIONS)
                                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()).thenReturn(listed))));
    }

    @Override
    public Mono<Boolean> create(Application application, List<PendingEvent> events) {
        Document document = toDocument(application).append("pending", !events.isEmpty())
                .append("outbox", events.stream().map(MongoApplicationStore::toDocument).toList());
        return mongo.insert(document, COLLECTION)
                .then(Mono.when(mongo.upsert(Query.query(Criteria.where("_id").is(application.seekerId())),
                                new Update().addToSet("applicationIds", application.applicationId()), BY_SEEKER),
                        mongo.upsert(Query.query(Criteria.where("_id").is(application.partnerId())),
                                new Update().addToSet("applicationIds", application.applicationId()), BY_PARTNER)))
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
    }

    @Override
    public Mono<Application> find(String applicationId) {
        return mongo.findById(applicationId, Document.class, COLLECTION).map(MongoApplicationStore::toApplication);
    }

    @Override
    public Flux<Application> findAll(java.util.Collection<String> applicationIds) {
        return mongo.find(Query.query(Criteria.where("_id").in(applicationIds)), Document.class, COLLECTION)
                .map(MongoApplicationStore::toApplication);
    }

    @Override
    public Mono<Boolean> replace(Application after, List<PendingEvent> events) {
        Update update = new Update()
                .set("version", after.version() + 1)
                .set("status", after.status().name())
                .set("history", after.history().stream().map(s -> new Document("status", s.status().name())
                        .append("at", Date.from(s.at()))).toList())
                .set("packet", after.packet())
                .set("updatedAt", Date.from(after.updatedAt()));
        if (!events.isEmpty()) {
            update.push("outbox").each(events.stream().map(MongoApplicationStore::toDocument).toArray());
            update.set("pending", true);
        }
        return mongo.updateFirst(atVersion(after.applicationId(), after.version()), update, COLLECTION)
                .map(result -> result.getMatchedCount() == 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flux<Application> ofSeeker(String seekerId) {
        return mongo.findById(seekerId, Document.class, BY_SEEKER)
                .flatMapIterable(d -> (List<String>) d.get("applicationIds", List.class))
                .concatMap(this::find);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<List<Application>> ofPartner(String partnerId, String afterApplicationId, int limit) {
        return mongo.findById(partnerId, Document.class, BY_PARTNER)
                .map(d -> new ArrayList<>((List<String>) d.get("applicationIds", List.class)))
                .defaultIfEmpty(new ArrayList<>())
                .flatMap(ids -> {
                    java.util.Collections.reverse(ids);
                    int from = afterApplicationId == null ? 0 : ids.indexOf(afterApplicationId) + 1;
                    if (from == 0 && afterApplicationId != null) {
                        return Mono.empty();
                    }
                    List<String> page = ids.subList(from, Math.min(ids.size(), from + limit));
                    return findAll(page).collectMap(Application::applicationId).map(found ->
                            page.stream().map(found::get).filter(java.util.Objects::nonNull).toList());
                });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<Void> erase(String seekerId, Instant at) {
        Update tombstone = new Update()
                .unset("seekerId").unset("matchId").unset("title").unset("share").unset("contactConsentAt")
                .unset("matchedAt").unset("packet")
                .set("status", ApplicationStatus.WITHDRAWN.name())
                .set("history", List.of())
                .set("erased", true)
                .set("outbox", List.of())
                .set("pending", false)
                .set("updatedAt", Date.from(at))
                .inc("version", 1);
        return mongo.findById(seekerId, Document.class, BY_SEEKER)
                .flatMapIterable(d -> (List<String>) d.get("applicationIds", List.class))
                .concatMap(id -> mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), tombstone, COLLECTION))
                .then(mongo.remove(Query.query(Criteria.where("_id").is(seekerId)), BY_SEEKER))
                .then();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flux<PendingEvent> pending(int limit) {
        return mongo.find(Query.query(Criteria.where("pending").is(true)).limit(limit), Document.class, COLLECTION)
                .flatMapIterable(doc -> ((List<Document>) doc.get("outbox", List.class)).stream()
                        .map(e -> new PendingEvent(doc.getString("_id"), e.getString("ceId"),
                                Channel.valueOf(e.getString("channel")), e.getString("key"), e.getString("type"),
                                e.getString("data"), e.getString("time")))
                        .toList());
    }

    /**
     * One bulk write by {@code _id}: each application (if there is one) notes when its posting closed (or that it is
     * open: null). The version stays: no other change writes this field ({@link #replace} sets only its own fields), so
     * none can be written over, and moving it on would only make a concurrent outcome or withdrawal try again.
     */
    @Override
    public Mono<Void> postingsClosed(Map<String, Instant> closedAt) {
        if (closedAt.isEmpty()) {
            return Mono.empty();
        }
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        closedAt.forEach((applicationId, at) -> bulk.updateOne(Query.query(Criteria.where("_id").is(applicationId)),
                new Update().set(POSTING_CLOSED_AT, at == null ? null : Date.from(at))));
        return bulk.execute().then();
    }

    @Override
    public Mono<Void> markSent(String applicationId, String ceId) {
        Query byId = Query.query(Criteria.where("_id").is(applicationId));
        return mongo.updateFirst(byId, new Update().pull("outbox", new Document("ceId", ceId)), COLLECTION)
                .then(mongo.findById(applicationId, Document.class, COLLECTION))
                .flatMap(doc -> {
                    List<?> outbox = doc.get("outbox", List.class);
                    if (outbox != null && !outbox.isEmpty()) {
                        return Mono.empty();
                    }
                    Number version = (Number) doc.get("version");
                    return mongo.updateFirst(atVersion(applicationId, version.longValue()),
                            new Update().set("pending", false), COLLECTION).then();
                });
    }

    /** Exactly the keys of the unique index. */
    private static Query atVersion(String applicationId, long version) {
        return Query.query(Criteria.where("_id").is(applicationId).and("version").is(version));
    }

    private static Document toDocument(Application a) {
        return new Document("_id", a.applicationId())
                .append("version", a.version())
                .append("seekerId", a.seekerId())
                .append("matchId", a.matchId())
                .append("postingId", a.postingId())
                .append("partnerId", a.partnerId())
                .append("title", a.title())
                .append("share", a.share())
                .append("shareContact", a.shareContact())
                .append("contactConsentAt", a.contactConsentAt() == null ? null : Date.from(a.contactConsentAt()))
                .append("status", a.status().name())
                .append("history", a.history().stream().map(s -> new Document("status", s.status().name())
                        .append("at", Date.from(s.at()))).toList())
                .append("matchedAt", a.matchedAt())
                .append("packet", a.packet())
                .append("createdAt", Date.from(a.createdAt()))
                .append("updatedAt", Date.from(a.updatedAt()))
                .append(POSTING_CLOSED_AT, a.postingClosedAt() == null ? null : Date.from(a.postingClosedAt()));
    }

    private static Document toDocument(PendingEvent e) {
        return new Document("ceId", e.ceId()).append("channel", e.channel().name()).append("key", e.key())
                .append("type", e.type()).append("data", e.data()).append("time", e.time());
    }

    @SuppressWarnings("unchecked")
    private static Application toApplication(Document d) {
        List<Application.Step> history = new ArrayList<>();
        for (Document step : (List<Document>) d.get("history", List.class)) {
            history.add(new Application.Step(ApplicationStatus.valueOf(step.getString("status")),
                    step.getDate("at").toInstant()));
        }
        Date consent = d.getDate("contactConsentAt");
        Date postingClosedAt = d.getDate(POSTING_CLOSED_AT);
        Number version = (Number) d.get("version");
        return new Application(d.getString("_id"), version.longValue(), d.getString("seekerId"), d.getString("matchId"),
                d.getString("postingId"), d.getString("partnerId"), d.getString("title"),
                d.get("share", List.class), Boolean.TRUE.equals(d.getBoolean("shareContact")),
                consent == null ? null : consent.toInstant(), ApplicationStatus.valueOf(d.getString("status")), history,
                d.getString("matchedAt"), d.getString("packet"), d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant(), postingClosedAt == null ? null : postingClosedAt.toInstant());
    }
}
