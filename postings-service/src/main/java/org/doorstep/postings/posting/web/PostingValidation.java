package org.doorstep.postings.posting.web;

import java.util.ArrayList;
import java.util.List;

import org.doorstep.postings.posting.CampaignCatalog;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import reactor.core.publisher.Mono;

/** Completes a parsed body's validation with the rule that needs the database: campaign codes must exist. */
final class PostingValidation {

    private PostingValidation() {
    }

    /** Every violation of a parsed body, given the campaign codes known not to exist. */
    static List<Violation> violations(PostingBodies.Parsed parsed, java.util.Set<String> unknownCodes) {
        List<Violation> all = new ArrayList<>(parsed.violations());
        List<String> codes = parsed.campaignCodes() == null ? List.of() : parsed.campaignCodes();
        for (int i = 0; i < codes.size(); i++) {
            if (unknownCodes.contains(codes.get(i))) {
                all.add(new Violation("campaignCodes[" + i + "]", "unknown campaign"));
            }
        }
        return all;
    }

    static Mono<PostingContent> withCampaigns(PostingBodies.Parsed parsed, CampaignCatalog campaigns) {
        List<String> codes = parsed.campaignCodes() == null ? List.of() : parsed.campaignCodes();
        Mono<List<Violation>> unknown = codes.isEmpty() ? Mono.just(List.of())
                : campaigns.unknown(codes).map(missing -> {
                    List<Violation> violations = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        if (missing.contains(codes.get(i))) {
                            violations.add(new Violation("campaignCodes[" + i + "]", "unknown campaign"));
                        }
                    }
                    return violations;
                });
        return unknown.flatMap(campaignViolations -> {
            List<Violation> all = new ArrayList<>(parsed.violations());
            all.addAll(campaignViolations);
            return all.isEmpty() ? Mono.just(parsed.content()) : Mono.error(new InvalidRequest(all));
        });
    }
}
