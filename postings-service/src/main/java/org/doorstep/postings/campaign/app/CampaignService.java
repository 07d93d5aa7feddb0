package org.doorstep.postings.campaign.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.doorstep.postings.campaign.Campaign;
import org.doorstep.postings.campaign.CampaignExists;
import org.doorstep.postings.campaign.CampaignNotFound;
import org.doorstep.postings.campaign.CampaignRepository;
import org.doorstep.postings.posting.CampaignReach;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Operators' campaigns and their progress: open postings and vacancies offered, in total and by region. */
@Service
public class CampaignService {

    private final CampaignRepository campaigns;
    private final CampaignReach postings;
    private final Clock clock;

    CampaignService(CampaignRepository campaigns, CampaignReach postings, Clock clock) {
        this.campaigns = campaigns;
        this.postings = postings;
        this.clock = clock;
    }

    public record Definition(String code, String name, java.time.LocalDate startsOn, java.time.LocalDate endsOn,
                             long targetJobs, List<org.doorstep.postings.posting.TargetGroup> targetGroups) {
    }

    public record RegionProgress(String regionCode, long openPostings, long vacancies) {
    }

    public record Progress(long openPostings, long vacancies, List<RegionProgress> byRegion) {
    }

    public record Saved(Campaign campaign, boolean created) {
    }

    public Mono<Campaign> create(Definition d) {
        Instant now = now();
        return noOtherCase(d.code()).then(campaigns.insert(campaign(d, now, now)));
    }

    public Mono<Saved> save(Definition d) {
        Instant now = now();
        return noOtherCase(d.code()).then(campaigns.find(d.code()))
                .map(existing -> new Saved(campaign(d, existing.createdAt(), now), false))
                .defaultIfEmpty(new Saved(campaign(d, now, now), true))
                .flatMap(saved -> campaigns.save(saved.campaign()).thenReturn(saved));
    }

    /**
     * A code is one campaign whatever its case: "spring-2026" next to "SPRING-2026" would split one drive's postings
     * in two. Campaigns are few (an operator's), so the check reads them all; two creations racing with codes that differ
     * only in case can both pass it.
     */
    private Mono<Void> noOtherCase(String code) {
        return campaigns.all().filter(c -> !c.code().equals(code) && c.code().equalsIgnoreCase(code)).next()
                .flatMap(other -> Mono.error(new CampaignExists(other.code())));
    }

    public Flux<Campaign> all() {
        return campaigns.all();
    }

    public Mono<Campaign> get(String code) {
        return campaigns.find(code).switchIfEmpty(Mono.error(() -> new CampaignNotFound(code)));
    }

    public Mono<Progress> progress(String code) {
        return postings.byRegion(code)
                .map(r -> new RegionProgress(r.regionCode(), r.openPostings(), r.vacancies()))
                .collectList()
                .map(regions -> new Progress(
                        regions.stream().mapToLong(RegionProgress::openPostings).sum(),
                        regions.stream().mapToLong(RegionProgress::vacancies).sum(),
                        regions.stream().sorted(Comparator.comparing(RegionProgress::vacancies).reversed()
                                .thenComparing(r -> String.valueOf(r.regionCode()))).toList()));
    }

    private static Campaign campaign(Definition d, Instant createdAt, Instant updatedAt) {
        return new Campaign(d.code(), d.name(), d.startsOn(), d.endsOn(), d.targetJobs(), d.targetGroups(),
                createdAt, updatedAt);
    }

    private Instant now() {
        return clock.instant(); // the clock ticks in milliseconds, as the store keeps times
    }
}
