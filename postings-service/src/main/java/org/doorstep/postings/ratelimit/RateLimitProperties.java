package org.doorstep.postings.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Each partner may make {@code limitForPeriod} requests per {@code refreshPeriod}. */
@Validated
@ConfigurationProperties("doorstep.rate-limit")
public record RateLimitProperties(@Min(1) int limitForPeriod, @NotNull Duration refreshPeriod) {
}
