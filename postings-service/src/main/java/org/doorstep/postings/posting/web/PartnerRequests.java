package org.doorstep.postings.posting.web;

import org.doorstep.postings.limits.AbuseLimiter;
import org.doorstep.postings.limits.web.ClientAddresses;
import org.doorstep.postings.partner.ApiKeyRejected;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.app.PartnerAuthenticator;
import org.doorstep.postings.ratelimit.PartnerRateLimiter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How a partner request is let in: its API key names an active partner (else 401, counted against the client's
 * failed-authentication limit, beyond which it is 429), and the partner is within its rate limit (else 429). One
 * place for the single-posting, the batch and the duplicates endpoints.
 */
@Component
public class PartnerRequests {

    private final PartnerAuthenticator authenticator;
    private final PartnerRateLimiter rateLimiter;
    private final AbuseLimiter abuseLimiter;
    private final ClientAddresses clients;

    PartnerRequests(PartnerAuthenticator authenticator, PartnerRateLimiter rateLimiter, AbuseLimiter abuseLimiter,
                    ClientAddresses clients) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.abuseLimiter = abuseLimiter;
        this.clients = clients;
    }

    public Mono<Partner> admit(String authorization, ServerHttpRequest request) {
        return authenticator.authenticate(authorization)
                .onErrorResume(ApiKeyRejected.class, failure -> Mono.<Partner>fromRunnable(
                                () -> abuseLimiter.failedAuthentication(clients.of(request)))
                        .then(Mono.error(failure)))
                .flatMap(partner -> rateLimiter.acquire(partner.partnerId(), partner.quota()).thenReturn(partner));
    }
}
