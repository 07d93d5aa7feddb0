package org.doorstep.postings.duplicates.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.duplicates.DuplicateView;
import org.doorstep.postings.duplicates.app.DuplicatesService;
import org.doorstep.postings.posting.web.PartnerRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * One job, one notification, as the partner sees it: which of its postings matching-service found to be the same job
 * as other partners' open postings (a seeker is told of such a job once, naming every source). Only the partner's own
 * postings; the others by postingId and title, as the postings feed shows them.
 */
@RestController
@Tag(name = "Postings", description = "Partner job boards publish and maintain their postings (partner API key)")
class DuplicatesController {

    private final PartnerRequests partners;
    private final DuplicatesService duplicates;

    DuplicatesController(PartnerRequests partners, DuplicatesService duplicates) {
        this.partners = partners;
        this.duplicates = duplicates;
    }

    record DuplicatesPage(List<DuplicateView> items) {
    }

    @Operation(summary = "The other open postings (of other partners) that are the same job as this one")
    @ApiResponse(responseCode = "200", description = "sameJobAs is empty when the posting is the only one of its job")
    @GetMapping("/api/v1/postings/{externalId}/duplicates")
    Mono<DuplicateView> ofPosting(@PathVariable String externalId,
                                  @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                  ServerHttpRequest request) {
        return partners.admit(auth, request).flatMap(partner -> duplicates.of(partner.partnerId(), externalId));
    }

    @Operation(summary = "The partner's open postings that are the same job as other partners' open postings")
    @GetMapping("/api/v1/postings:duplicated")
    Mono<DuplicatesPage> ofPartner(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
                                   ServerHttpRequest request) {
        return partners.admit(auth, request)
                .flatMap(partner -> duplicates.ofPartner(partner.partnerId()).collectList())
                .map(DuplicatesPage::new);
    }
}
