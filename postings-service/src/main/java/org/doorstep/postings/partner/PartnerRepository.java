package org.doorstep.postings.partner;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where partners live, together with the events still to be published (outbox inside the document). */
public interface PartnerRepository {

    Mono<Partner> insert(Partner partner, List<PartnerEvent> events);

    /** Writes the new state and appends its events if the partner is still at {@code expectedVersion}; else empty. */
    Mono<Partner> update(long expectedVersion, Partner partner, List<PartnerEvent> events);

    Mono<Partner> find(String partnerId);

    /** Up to {@code limit} partners in {@code partnerId} order, after {@code afterPartnerId} (null: from the first). */
    Flux<Partner> page(String afterPartnerId, int limit);

    /** The partner holding a valid key with this SHA-256 hash. */
    Mono<Partner> findByKeyHash(String sha256);
}
