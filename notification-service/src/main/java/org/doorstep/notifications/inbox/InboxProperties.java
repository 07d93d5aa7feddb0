package org.doorstep.notifications.inbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How long inbox items and feed entries live, and the inbox page size. */
@Validated
@ConfigurationProperties("doorstep.inbox")
public record InboxProperties(@NotNull Duration itemTtl, @Min(1) @Max(100) int pageSize) {
}
