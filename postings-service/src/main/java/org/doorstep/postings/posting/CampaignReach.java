package org.doorstep.postings.posting;

import reactor.core.publisher.Flux;

/** What the open postings offer a campaign, by region: the posting feature's answer to the campaign feature. */
public interface CampaignReach {

    /** Open postings naming the campaign and their vacancies, per region code (null: no region given). */
    Flux<RegionReach> byRegion(String campaignCode);

    record RegionReach(String regionCode, long openPostings, long vacancies) {
    }
}
