package org.doorstep.seekers.seeker.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;

import org.doorstep.seekers.outbox.OutboxMessage;
import org.doorstep.seekers.outbox.OutboxRelay;
import org.doorstep.seekers.seeker.ConcurrentChange;
import org.doorstep.seekers.seeker.Seeker;
import org.doorstep.seekers.seeker.SeekerAlreadyRegistered;
import org.doorstep.seekers.seeker.SeekerEvent;
import org.doorstep.seekers.seeker.SeekerRepository;
import org.doorstep.seekers.seeker.messaging.SeekerEventMessages;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Seekers in MongoDB, one document per seeker with its outbox. Every filter is keyed: {@code {_id}} or
 * exactly {@code {_id, version}}, the keys of a unique index (the MongoDB-wire server uses an index only
 * for such filters and scans the collection under its lock for anything else). An erasure moves the
 * version on, so a change decided on the version read before it fails.
 */
@Repository
class MongoSeekerRepository implements SeekerRepository, SmartInitializingSingleton {

    static final String ERASURES = "erasures";

    private final ReactiveMongoTemplate mongo;
    private final SeekerEventMessages messages;
    private final OutboxRelay relay;

    MongoSeekerRepository(ReactiveMongoTemplate mongo, SeekerEventMessages messages, OutboxRelay relay) {
        this.mongo = mongo;
        this.messages = messages;
        this.relay = relay;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // _id is unique already; the index makes {_id, version} a key the MongoDB-wire server looks up
        mongo.indexOps(SeekerDocument.COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("version", Sort.Direction.ASC).unique().named("idVersion")).block();
    }

    @Override
    public Mono<Void> insert(Seeker seeker, List<SeekerEvent> events) {
        return mongo.insert(SeekerDocument.of(seeker, outbox(events)))
                .onErrorMap(DuplicateKeyException.class, e -> new SeekerAlreadyRegistered(seeker.id()))
                .doOnSuccess(saved -> relay.trigger(seeker.id()))
                .then();
    }

    @Override
    public Mono<Void> update(Seeker after, long expectedVersion, List<SeekerEvent> events) {
        Update update = new Update()
                .set("version", after.version())
                .set("profile", after.profile())
                .set("consentRecords", after.consentRecords())
                .set("updatedAt", after.updatedAt());
        List<OutboxMessage> pending = outbox(events);
        if (!pending.isEmpty()) {
            update.push("outbox").each(pending.toArray());
        }
        return mongo.updateFirst(query(where("_id").is(after.id()).and("version").is(expectedVersion)),
                        update, SeekerDocument.class)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new ConcurrentChange(after.id())))
                .doOnSuccess(done -> {
                    if (!pending.isEmpty()) {
                        relay.trigger(after.id());
                    }
                });
    }

    @Override
    public Mono<Seeker> find(String seekerId) {
        return mongo.findById(seekerId, SeekerDocument.class)
                .filter(document -> !document.erased())
                .map(SeekerDocument::toSeeker);
    }

    /**
     * Read by {@code _id}, then written at the version read: the seeker's application packets (listed in the document)
     * each get a tombstone on their topic, and an application recorded in between makes the write miss and retry.
     */
    @Override
    public Mono<Void> erase(SeekerEvent.SeekerErased erased) {
        String id = erased.seekerId();
        Mono<Void> stub = Mono.defer(() -> mongo.findById(id, Document.class, SeekerDocument.COLLECTION)
                .flatMap(current -> {
                    List<OutboxMessage> pending = new ArrayList<>(outbox(List.of(erased)));
                    applicationIds(current).forEach(applicationId ->
                            pending.add(messages.applicationTombstone(applicationId, erased.erasedAt())));
                    Update update = new Update()
                            .unset("profile")
                            .unset("applications")
                            .set("consentRecords", List.of())
                            .set("erased", true)
                            .set("updatedAt", erased.erasedAt())
                            .set("outbox", pending)
                            .inc("version", 1);
                    Number version = (Number) current.get("version");
                    return mongo.updateFirst(query(where("_id").is(id).and("version").is(version.longValue())), update,
                                    SeekerDocument.class)
                            .flatMap(result -> result.getMatchedCount() == 1 ? Mono.<Void>empty()
                                    : Mono.error(new ConcurrentChange(id)));
                }))
                .retryWhen(Retry.max(5).filter(ConcurrentChange.class::isInstance));
        return mongo.upsert(query(where("_id").is(id)), Update.update("erasedAt", erased.erasedAt()), ERASURES)
                .then(stub)
                .doOnSuccess(done -> relay.trigger(id))
                .then();
    }

    @SuppressWarnings("unchecked")
    private static List<String> applicationIds(Document seeker) {
        List<Document> applications = seeker.get("applications", List.class);
        return applications == null ? List.of() : applications.stream().map(a -> a.getString("applicationId")).toList();
    }

    private List<OutboxMessage> outbox(List<SeekerEvent> events) {
        return events.stream().flatMap(e -> messages.messages(e).stream()).toList();
    }
}
