package org.doorstep.notifications.stream;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param heartbeat how often an idle stream gets an SSE comment, so proxies keep it open
 */
@Validated
@ConfigurationProperties("doorstep.stream")
public record StreamSettings(@NotNull Duration heartbeat) {
}
