package org.doorstep.postings.campaign;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where campaigns live, keyed by code. */
public interface CampaignRepository {

    Mono<Campaign> find(String code);

    Flux<Campaign> all();

    /** Inserts; fails with {@link CampaignExists} if the code is taken. */
    Mono<Campaign> insert(Campaign campaign);

    Mono<Campaign> save(Campaign campaign);
}
