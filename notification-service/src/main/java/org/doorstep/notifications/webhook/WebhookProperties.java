package org.doorstep.notifications.webhook;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Partner webhook delivery. {@code allowLoopback} and {@code allowPlainHttpLocalhost} are for the local
 * profile only; in production a webhook must be HTTPS to a public address.
 */
@Validated
@ConfigurationProperties("doorstep.webhooks")
public record WebhookProperties(boolean allowLoopback, boolean allowPlainHttpLocalhost,
                              @Min(1) @Max(10) int batchSize, @NotNull Duration dispatchInterval,
                              @NotNull Duration requestTimeout, @Min(1) int maxAttempts,
                              @NotNull Duration initialBackoff, @DecimalMin("1.0") double backoffMultiplier,
                              @DecimalMin("0.0") @DecimalMax("1.0") double randomization,
                              @Min(1) @Max(100) int circuitFailureRate, @Min(1) int circuitMinimumCalls,
                              @NotNull Duration circuitOpenFor, @Min(1) int maxConcurrentPerPartner) {
}
