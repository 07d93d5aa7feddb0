package org.doorstep.seekers.seeker.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;

import org.doorstep.seekers.outbox.OutboxMessage;
import org.doorstep.seekers.outbox.OutboxRelay;
import org.doorstep.seekers.seeker.ConcurrentChange;
import org.doorstep.seekers.seeker.Seeker;
import org.doorstep.seekers.seeker.SeekerAlreadyRegistered;
import org.doorstep.seekers.seeker.SeekerEvent;
import org.doorstep.seekers.seeker.SeekerRepository;
import org.doorstep.seekers.seeker.outbound.SeekerEventMessages;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class MongoSeekerRepository implements SeekerRepository {

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
        return mongo.updateFirst(query(where("_id").is(after.id()).and("version").is(expectedVersion).and("erased").is(false)),
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
        return mongo.findOne(query(where("_id").is(seekerId).and("erased").is(false)), SeekerDocument.class)
                .map(SeekerDocument::toSeeker);
    }

    @Override
    public Mono<Void> erase(SeekerEvent.SeekerErased erased) {
        String id = erased.seekerId();
        Update stub = new Update()
                .unset("profile")
                .set("consentRecords", List.of())
                .set("erased", true)
                .set("updatedAt", erased.erasedAt())
                .set("outbox", outbox(List.of(erased)));
        return mongo.upsert(query(where("_id").is(id)), Update.update("erasedAt", erased.erasedAt()), ERASURES)
                .then(mongo.updateFirst(query(where("_id").is(id).and("erased").is(false)), stub, SeekerDocument.class))
                .doOnSuccess(done -> relay.trigger(id))
                .then();
    }

    private List<OutboxMessage> outbox(List<SeekerEvent> events) {
        return events.stream().flatMap(e -> messages.messages(e).stream()).toList();
    }
}
