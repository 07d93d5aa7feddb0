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

    static Mono<PostingContent> withCampaigns(PostingParser.Parsed parsed, CampaignCatalog campaigns) {
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
