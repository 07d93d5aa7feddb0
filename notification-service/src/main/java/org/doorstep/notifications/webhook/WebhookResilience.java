package org.doorstep.notifications.webhook;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import org.doorstep.notifications.problem.InvalidRequest;
import org.springframework.stereotype.Component;

/**
 * The Resilience4j instances of webhook delivery, from {@link WebhookProperties}: a retry with exponential
 * back-off and jitter, a circuit breaker per endpoint URL, and a bulkhead per partner (so a slow
 * partner holds only its own calls).
 */
@Component
public class WebhookResilience {

    private final CircuitBreakerRegistry circuits;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;

    WebhookResilience(WebhookProperties settings) {
        CircuitBreakerConfig circuit = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(10, settings.circuitMinimumCalls()))
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .failureRateThreshold(settings.circuitFailureRate())
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(InvalidRequest.class)
                .build();
        RetryConfig retry = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
                        settings.backoffMultiplier(), settings.randomization()))
                .retryOnException(e -> !(e instanceof CallNotPermittedException) && !(e instanceof InvalidRequest)
                        && !(e instanceof WebhookTransport.DeliveryFailed failed && !failed.retryable()))
                .build();
        BulkheadConfig bulkhead = BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentPerPartner())
                .maxWaitDuration(Duration.ZERO)
                .build();
        this.circuits = CircuitBreakerRegistry.of(circuit);
        this.retries = RetryRegistry.of(retry);
        this.bulkheads = BulkheadRegistry.of(bulkhead);
    }

    public CircuitBreaker circuitFor(String url) {
        return circuits.circuitBreaker("webhook " + url);
    }

    Retry retryFor(String partnerId) {
        return retries.retry("webhook " + partnerId);
    }

    Bulkhead bulkheadFor(String partnerId) {
        return bulkheads.bulkhead("partner " + partnerId);
    }
}
