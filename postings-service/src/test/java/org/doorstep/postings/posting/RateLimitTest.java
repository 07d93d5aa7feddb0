package org.doorstep.postings.posting;

import java.time.Duration;

import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.postings.ratelimit.PartnerRateLimiter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest extends PostingsServiceTest {

    @Autowired
    PartnerRateLimiter rateLimiter;

    @Test
    void partnerOverItsQuotaGets429WithRetryAfterWhileOthersAreServed() {
        TestPartner busy = registerPartner();
        TestPartner calm = registerPartner();
        rateLimiter.configure(busy.partnerId(), 3, Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            get(busy, "ANY").expectStatus().isNotFound();
        }
        String retryAfter = get(busy, "ANY")
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/rate-limited")
                .returnResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        put(busy, externalId(), validPosting("Too eager")).expectStatus().isEqualTo(429);

        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
        get(calm, "ANY").expectStatus().isNotFound();
    }
}
