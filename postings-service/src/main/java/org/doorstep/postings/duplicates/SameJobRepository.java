package org.doorstep.postings.duplicates;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The latest notice per posting that is the same job as others (none kept for a posting that is no longer one). */
public interface SameJobRepository {

    /** Keeps the notice, replacing the posting's earlier one; a notice with no other posting removes it. */
    Mono<Void> save(SameJob notice);

    Mono<SameJob> find(String postingId);

    /** The partner's postings that are the same job as others. */
    Flux<SameJob> ofPartner(String partnerId);
}
