package org.doorstep.notifications.partner;

import reactor.core.publisher.Mono;

/** The local copy of {@code doorstep.partners.v1}. */
public interface PartnerRegistry {

    /** Stores the entry unless a version at least as new is stored; emits whether it changed. */
    Mono<Boolean> save(Partner partner);

    Mono<Void> remove(String partnerId);

    /** The active partner owning a key with this SHA-256 hex hash. */
    Mono<Partner> findActiveByKeyHash(String sha256Hex);
}
