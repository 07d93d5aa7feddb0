package org.doorstep.matching.extraction.web;


import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import org.doorstep.matching.extraction.Extraction;
import org.doorstep.matching.extraction.SkillExtractor;
import org.doorstep.matching.limits.web.ClientAddresses;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Skills and occupations from free text (public): apps suggest skills from a resume or an "about me"
 * for the person to confirm; partners can check what matching reads in a description. Rate limited per
 * client address.
 */
@RestController
class ExtractionController {

    private final SkillExtractor extractor;
    private final ExtractionRateLimiter limiter;
    private final ClientAddresses clients;

    ExtractionController(SkillExtractor extractor, ExtractionRateLimiter limiter, ClientAddresses clients) {
        this.extractor = extractor;
        this.limiter = limiter;
        this.clients = clients;
    }

    @Operation(summary = "Find ESCO skills and occupations in a text (English or Chinese)",
            description = "Each concept comes with its ESCO URI (or built-in key), preferred label, a confidence in"
                    + " (0, 1) and the spans (UTF-16 offsets) it was found at. Longer phrases and repeated mentions"
                    + " are more confident; one-word matches are the least. 429 with Retry-After over the quota.")
    @PostMapping(path = "/api/v1/skills:extract", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Extraction> extract(@Valid @RequestBody ExtractionRequest request, ServerHttpRequest http) {
        limiter.acquire(clients.of(http));
        return Mono.fromCallable(() -> extractor.extract(request.text(), request.limitOrDefault()))
                .subscribeOn(Schedulers.parallel());
    }

}
