package org.doorstep.postings.platform.store;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a request waits for an unreachable store before it fails (server selection and connect timeouts
 * of the MongoDB client); the driver's default is 30 s.
 */
@Validated
@ConfigurationProperties("doorstep.store")
public record StoreProperties(@NotNull @DefaultValue("2s") Duration timeout) {
}
