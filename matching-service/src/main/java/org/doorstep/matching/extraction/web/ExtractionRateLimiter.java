package org.doorstep.matching.extraction.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.doorstep.matching.limits.RateLimited;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/** A Resilience4j rate limiter per client address; over quota means 429 with the seconds to wait. */
@Component
class ExtractionRateLimiter {

    /** Each client may extract {@code limitForPeriod} texts per {@code refreshPeriod}. */
    @Validated
    @ConfigurationProperties("doorstep.extraction.rate-limit")
    record Settings(@DefaultValue("20") @Min(1) int limitForPeriod, @DefaultValue("1s") @NotNull Duration refreshPeriod) {
    }

    private final RateLimiterRegistry registry;

    ExtractionRateLimiter(Settings settings) {
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(settings.limitForPeriod())
                .limitRefreshPeriod(settings.refreshPeriod())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** Takes one permit of {@code client}, or throws {@link RateLimited}. */
    void acquire(String client) {
        RateLimiter limiter = registry.rateLimiter(client);
        if (!limiter.acquirePermission()) {
            long nanos = limiter instanceof AtomicRateLimiter atomic
                    ? atomic.getDetailedMetrics().getNanosToWait()
                    : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
            throw new RateLimited("extraction requests", Math.max(1, (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1))));
        }
    }
}
