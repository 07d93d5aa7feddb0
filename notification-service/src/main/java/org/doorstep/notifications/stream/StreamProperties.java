package org.doorstep.notifications.stream;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param heartbeat    how often an idle stream gets an SSE comment, so proxies keep it open
 * @param maxPerSeeker how many streams one seeker may hold open at once on this instance
 */
@Validated
@ConfigurationProperties("doorstep.stream")
public record StreamProperties(@NotNull Duration heartbeat, @DefaultValue("5") @Min(1) int maxPerSeeker) {
}
