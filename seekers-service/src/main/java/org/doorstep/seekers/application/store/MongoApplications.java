package org.doorstep.seekers.application.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.doorstep.seekers.application.ApplicationPacket;
import org.doorstep.seekers.application.Applications;
import org.doorstep.seekers.application.messaging.ApplicationMessages;
import org.doorstep.seekers.outbox.OutboxRelay;
import org.doorstep.seekers.seeker.ConsentRecord;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Applications inside the seeker's document ({@code applications}: id, partner, posting, when; no packet), with the
 * packet in its outbox until the broker has it. Read by {@code _id}, written at exactly {@code {_id, version}} (the
 * seekers collection's unique index), so a profile change, an erasure or another application in between makes the
 * write miss, and it is decided again on a fresh read.
 */
@Repository
class MongoApplications implements Applications {

    private static final String SEEKERS = "seekers";
    private static final int ATTEMPTS = 5;

    private final ReactiveMongoTemplate mongo;
    private final ApplicationMessages messages;
    private final OutboxRelay relay;

    MongoApplications(ReactiveMongoTemplate mongo, ApplicationMessages messages, OutboxRelay relay) {
        this.mongo = mongo;
        this.messages = messages;
        this.relay = relay;
    }

    @Override
    public Mono<Boolean> submit(ApplicationPacket packet, ConsentRecord consent) {
        String seekerId = packet.seekerId();
        return Mono.defer(() -> mongo.findById(seekerId, Document.class, SEEKERS)
                        .flatMap(seeker -> {
                            if (Boolean.TRUE.equals(seeker.getBoolean("erased")) || holds(seeker, packet.applicationId())) {
                                return Mono.just(false);
                            }
                            Update update = new Update()
                                    .push("applications", new Document("applicationId", packet.applicationId())
                                            .append("partnerId", packet.partnerId())
                                            .append("postingId", packet.postingId())
                                            .append("submittedAt", java.util.Date.from(packet.submittedAt())))
                                    .push("outbox", messages.submitted(packet))
                                    .inc("version", 1);
                            if (consent != null) {
                                update.push("consentRecords", consent);
                            }
                            return atVersion(seeker, update);
                        })
                        .defaultIfEmpty(false))
                .retryWhen(Retry.max(ATTEMPTS).filter(Missed.class::isInstance))
                .doOnSuccess(queued -> {
                    if (Boolean.TRUE.equals(queued)) {
                        relay.trigger(seekerId);
                    }
                });
    }

    @Override
    public Mono<Boolean> withdraw(String seekerId, String applicationId, Instant at) {
        return Mono.defer(() -> mongo.findById(seekerId, Document.class, SEEKERS)
                        .flatMap(seeker -> {
                            if (!holds(seeker, applicationId)) {
                                return Mono.just(false);
                            }
                            Update update = new Update()
                                    .pull("applications", new Document("applicationId", applicationId))
                                    .push("outbox", ApplicationMessages.tombstone(applicationId, at))
                                    .inc("version", 1);
                            return atVersion(seeker, update);
                        })
                        .defaultIfEmpty(false))
                .retryWhen(Retry.max(ATTEMPTS).filter(Missed.class::isInstance))
                .doOnSuccess(done -> {
                    if (Boolean.TRUE.equals(done)) {
                        relay.trigger(seekerId);
                    }
                });
    }

    private Mono<Boolean> atVersion(Document seeker, Update update) {
        Object id = seeker.get("_id");
        Number version = (Number) seeker.get("version");
        return mongo.updateFirst(query(where("_id").is(id).and("version").is(version.longValue())), update, SEEKERS)
                .flatMap(result -> result.getMatchedCount() == 1 ? Mono.just(true) : Mono.error(new Missed()));
    }

    @SuppressWarnings("unchecked")
    private static boolean holds(Document seeker, String applicationId) {
        List<Document> applications = seeker.get("applications", List.class);
        return applications != null && applications.stream().anyMatch(a -> applicationId.equals(a.getString("applicationId")));
    }

    /** The document changed between the read and the write. */
    private static final class Missed extends RuntimeException {
        Missed() {
            super("seeker changed meanwhile", null, false, false);
        }
    }

}
