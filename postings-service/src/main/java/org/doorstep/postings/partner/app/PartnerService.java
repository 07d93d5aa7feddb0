package org.doorstep.postings.partner.app;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.bson.Document;
import org.doorstep.postings.outbox.OutboxEntry;
import org.doorstep.postings.outbox.OutboxRelay;
import org.doorstep.postings.partner.IssuedKey;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.PartnerChange;
import org.doorstep.postings.partner.PartnerNotFound;
import org.doorstep.postings.partner.store.PartnerStore;
import org.doorstep.postings.problem.Conflict;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Registers partners and manages their API keys; every change is published through the outbox. */
@Service
public class PartnerService {

    private final PartnerStore store;
    private final PartnerEvents events;
    private final OutboxRelay relay;
    private final Clock clock;

    PartnerService(PartnerStore store, PartnerEvents events, OutboxRelay relay, Clock clock) {
        this.store = store;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    public record Registered(Partner partner, IssuedKey key) {
    }

    public Mono<Registered> register(String name, String contactEmail) {
        return Mono.defer(() -> {
            IssuedKey key = IssuedKey.issue(clock.instant());
            PartnerChange change = Partner.register(UUID.randomUUID().toString(), name, contactEmail, key.apiKey(),
                    clock.instant());
            return store.insert(change.partner(), events.entries(change.events()))
                    .map(doc -> publish(doc, new Registered(change.partner(), key)));
        });
    }

    public Mono<Registered> addKey(String partnerId) {
        return Mono.defer(() -> {
            IssuedKey key = IssuedKey.issue(clock.instant());
            return change(partnerId, p -> p.addKey(key.apiKey(), clock.instant()))
                    .map(p -> new Registered(p, key));
        });
    }

    public Mono<Partner> revokeKey(String partnerId, String keyId) {
        return change(partnerId, p -> p.revokeKey(keyId, clock.instant()));
    }

    public Mono<Partner> get(String partnerId) {
        return store.find(partnerId).map(PartnerStore::toPartner)
                .switchIfEmpty(Mono.error(() -> new PartnerNotFound(partnerId)));
    }

    private Mono<Partner> change(String partnerId, Function<Partner, PartnerChange> command) {
        return Mono.defer(() -> store.find(partnerId)
                        .switchIfEmpty(Mono.error(() -> new PartnerNotFound(partnerId)))
                        .flatMap(doc -> {
                            Partner current = PartnerStore.toPartner(doc);
                            PartnerChange change = command.apply(current);
                            return store.update(current.version(), change.partner(), events.entries(change.events()))
                                    .switchIfEmpty(Mono.error(ConcurrentChange::new))
                                    .map(written -> publish(written, change.partner()));
                        }))
                .retryWhen(Retry.max(5).filter(ConcurrentChange.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new Conflict("The partner " + partnerId
                                + " kept changing while this request tried to change it; retry the request.")));
    }

    /**
     * Hands the document's pending events to the relay, which publishes them in the background (the write is
     * the commit point); then the answer.
     */
    private <T> T publish(Document doc, T answer) {
        relay.trigger(PartnerStore.COLLECTION.name(), doc.get("_id"), OutboxRelay.entries(doc));
        return answer;
    }

    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("partner changed concurrently", null, false, false);
        }
    }

}
