package org.doorstep.postings.platform.store;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a request waits for an unreachable store ({@code doorstep.store.timeout}): the MongoDB driver's server
 * selection, connection set-up and wait for a pooled connection. Past it an operation fails and the request answers
 * 503 with {@code Retry-After}, instead of the driver's default 30 s wait.
 */
@Validated
@ConfigurationProperties("doorstep.store")
public record StoreProperties(@NotNull @DefaultValue("2s") Duration timeout) {

    public StoreProperties {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("doorstep.store.timeout must be positive");
        }
    }
}
