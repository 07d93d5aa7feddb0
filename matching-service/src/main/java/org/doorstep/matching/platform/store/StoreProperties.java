package org.doorstep.matching.platform.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How long the MongoDB driver looks for a server and waits for a connection ({@code doorstep.store.timeout}):
 * past it, an operation fails and the request answers 503, instead of the driver's default 30 s wait.
 */
@Validated
@ConfigurationProperties("doorstep.store")
record StoreProperties(@NotNull @DefaultValue("2s") Duration timeout) {
}
