package org.doorstep.postings.posting;

import java.util.Collection;
import java.util.Set;

import reactor.core.publisher.Mono;

/** The campaigns a posting may name; implemented by the campaign feature. */
public interface CampaignCatalog {

    /** Those of {@code codes} that name no campaign. */
    Mono<Set<String>> unknown(Collection<String> codes);
}
