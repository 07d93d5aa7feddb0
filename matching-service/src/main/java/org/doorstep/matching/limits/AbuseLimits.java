package org.doorstep.matching.limits;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Per-client limits against abuse ({@code doorstep.limits}), as the other services': failed authentications (a bad
 * operator or auditor token; only failures count: a client
 * over that limit still gets in with a valid token). A client is its IP address: the connection's remote address,
 * or, when that is one of {@code trustedProxies} (IP addresses or CIDR ranges), the right-most
 * {@code X-Forwarded-For} entry that is not a trusted proxy. With no trusted proxies (the default)
 * {@code X-Forwarded-For} is ignored, since any client can write it.
 */
@Validated
@ConfigurationProperties("doorstep.limits")
public record AbuseLimits(@Valid Limit failedAuthentications, List<String> trustedProxies) {

    public AbuseLimits {
        failedAuthentications = failedAuthentications == null ? new Limit(30, Duration.ofMinutes(1)) : failedAuthentications;
        trustedProxies = trustedProxies == null ? List.of() : trustedProxies.stream()
                .map(String::strip).filter(proxy -> !proxy.isEmpty()).toList();
    }

    /** At most {@code limitForPeriod} per client in each {@code refreshPeriod}. */
    public record Limit(@Min(1) int limitForPeriod, @NotNull Duration refreshPeriod) {
    }
}
