package org.doorstep.notifications.stream;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param heartbeat    how often an idle stream gets an SSE comment, so proxies keep it open
 * @param pollInterval how often a stream re-reads the feed without a local signal (events written by another instance)
 * @param gapGrace     how long a stream waits for a missing sequence number before moving past it
 */
@Validated
@ConfigurationProperties("doorstep.stream")
public record StreamSettings(@NotNull Duration heartbeat, @NotNull Duration pollInterval, Duration gapGrace) {
}
