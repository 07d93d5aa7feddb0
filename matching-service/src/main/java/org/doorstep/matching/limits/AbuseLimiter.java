package org.doorstep.matching.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.springframework.stereotype.Component;

/**
 * A Resilience4j rate limiter per client address and limit (seekers-service's {@code AbuseLimiter}); over the limit
 * means {@link RateLimited} with the seconds until the client's next permit.
 */
@Component
public class AbuseLimiter {

    private final RateLimiterRegistry failedAuthentications;

    public AbuseLimiter(AbuseLimits limits) {
        this.failedAuthentications = registry(limits.failedAuthentications());
    }

    /** Counts a failed authentication by {@code client}, or throws {@link RateLimited} beyond its limit. */
    public void failedAuthentication(String client) {
        acquire(failedAuthentications, client, "failed authentications");
    }

    private static RateLimiterRegistry registry(AbuseLimits.Limit limit) {
        return RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(limit.limitForPeriod())
                .limitRefreshPeriod(limit.refreshPeriod())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    private static void acquire(RateLimiterRegistry registry, String client, String what) {
        RateLimiter limiter = registry.rateLimiter(client);
        if (!limiter.acquirePermission()) {
            long nanos = limiter instanceof AtomicRateLimiter atomic
                    ? atomic.getDetailedMetrics().getNanosToWait()
                    : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
            throw new RateLimited(what, Math.max(1, (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1))));
        }
    }
}
