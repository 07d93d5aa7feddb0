package org.doorstep.postings.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.doorstep.postings.partner.Quota;
import org.doorstep.postings.problem.RateLimited;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A Resilience4j rate limiter per partner; over quota means 429 with the seconds to wait. */
@Component
public class PartnerRateLimiter {

    private final RateLimiterRegistry registry;
    private final Map<String, Quota> applied = new ConcurrentHashMap<>();

    PartnerRateLimiter(RateLimitProperties properties) {
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.limitForPeriod())
                .limitRefreshPeriod(properties.refreshPeriod())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** Takes one permit of {@code partnerId}, or fails with {@link RateLimited}. */
    public Mono<Void> acquire(String partnerId) {
        return Mono.defer(() -> {
            RateLimiter limiter = registry.rateLimiter(partnerId);
            if (limiter.acquirePermission()) {
                return Mono.empty();
            }
            long nanos = limiter instanceof AtomicRateLimiter atomic
                    ? atomic.getDetailedMetrics().getNanosToWait()
                    : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
            long seconds = Math.max(1, (long) Math.ceil(nanos / (double) TimeUnit.SECONDS.toNanos(1)));
            return Mono.error(new RateLimited(seconds));
        });
    }

    /**
     * Takes one permit of {@code partnerId} under its operator-set quota (null: the service's default). The quota
     * comes with the partner, read on every request, so each replica applies a change at the partner's next request.
     */
    public Mono<Void> acquire(String partnerId, Quota quota) {
        return Mono.defer(() -> {
            Quota current = applied.get(partnerId);
            if (!Objects.equals(current, quota)) {
                if (quota == null) {
                    registry.remove(partnerId);
                    applied.remove(partnerId);
                } else {
                    configure(partnerId, quota.limitForPeriod(), quota.period());
                    applied.put(partnerId, quota);
                }
            }
            return acquire(partnerId);
        });
    }

    /** Gives one partner its own limit (an operator's quota); later requests of it use this one. */
    public void configure(String partnerId, int limitForPeriod, Duration refreshPeriod) {
        registry.remove(partnerId);
        registry.rateLimiter(partnerId, RateLimiterConfig.custom()
                .limitForPeriod(limitForPeriod)
                .limitRefreshPeriod(refreshPeriod)
                .timeoutDuration(Duration.ZERO)
                .build());
    }
}
