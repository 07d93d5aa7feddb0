package org.doorstep.postings.partner.app;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.doorstep.postings.partner.IssuedKey;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.PartnerChange;
import org.doorstep.postings.partner.PartnerKeptChanging;
import org.doorstep.postings.partner.PartnerNotFound;
import org.doorstep.postings.partner.PartnerRepository;
import org.doorstep.postings.partner.Quota;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Registers partners and manages their API keys; every change is published through the outbox. */
@Service
public class PartnerService {

    private final PartnerRepository store;
    private final Clock clock;

    PartnerService(PartnerRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Registered(Partner partner, IssuedKey key) {
    }

    public Mono<Registered> register(String name, String contactEmail) {
        return Mono.defer(() -> {
            IssuedKey key = IssuedKey.issue(clock.instant());
            PartnerChange change = Partner.register(UUID.randomUUID().toString(), name, contactEmail, key.apiKey(),
                    clock.instant());
            return store.insert(change.partner(), change.events())
                    .map(partner -> new Registered(partner, key));
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

    public Mono<Partner> suspend(String partnerId) {
        return change(partnerId, p -> p.suspend(clock.instant()));
    }

    public Mono<Partner> reinstate(String partnerId) {
        return change(partnerId, p -> p.reinstate(clock.instant()));
    }

    /** Sets the partner's own rate limit; null returns it to the service's default. */
    public Mono<Partner> setQuota(String partnerId, Quota quota) {
        return change(partnerId, p -> p.withQuota(quota, clock.instant()));
    }

    /**
     * A page of partners in {@code partnerId} order after {@code afterPartnerId} (null: the first page); nothing when
     * that partner does not exist (a cursor this list never gave).
     */
    public Mono<List<Partner>> list(String afterPartnerId, int limit) {
        Mono<Boolean> known = afterPartnerId == null ? Mono.just(true) : store.find(afterPartnerId).hasElement();
        return known.flatMap(exists -> exists ? store.page(afterPartnerId, limit).collectList() : Mono.empty());
    }

    public Mono<Partner> get(String partnerId) {
        return store.find(partnerId)
                .switchIfEmpty(Mono.error(() -> new PartnerNotFound(partnerId)));
    }

    private Mono<Partner> change(String partnerId, Function<Partner, PartnerChange> command) {
        return Mono.defer(() -> store.find(partnerId)
                        .switchIfEmpty(Mono.error(() -> new PartnerNotFound(partnerId)))
                        .flatMap(current -> {
                            PartnerChange change = command.apply(current);
                            if (change.events().isEmpty()) {
                                return Mono.just(current);
                            }
                            return store.update(current.version(), change.partner(), change.events())
                                    .switchIfEmpty(Mono.error(ConcurrentChange::new));
                        }))
                .retryWhen(Retry.max(5).filter(ConcurrentChange.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new PartnerKeptChanging(partnerId)));
    }

    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("partner changed concurrently", null, false, false);
        }
    }

}
