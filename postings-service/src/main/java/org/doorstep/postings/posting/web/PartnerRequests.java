package org.doorstep.postings.posting.web;

import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.app.PartnerAuthenticator;
import org.doorstep.postings.ratelimit.PartnerRateLimiter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How a partner request is let in: its API key names an active partner (else 401), and the partner is
 * within its rate limit (else 429). One place for the single-posting and the batch endpoints.
 */
@Component
class PartnerRequests {

    private final PartnerAuthenticator authenticator;
    private final PartnerRateLimiter rateLimiter;

    PartnerRequests(PartnerAuthenticator authenticator, PartnerRateLimiter rateLimiter) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    Mono<Partner> admit(String authorization) {
        return authenticator.authenticate(authorization)
                .flatMap(partner -> rateLimiter.acquire(partner.partnerId()).thenReturn(partner));
    }
}
