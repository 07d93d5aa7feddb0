package org.doorstep.postings.feed.app;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The change feed of postings: page sizes, how many topic readers serve requests at once, how long a stream waits
 * for news before it sends a heartbeat.
 */
@Validated
@ConfigurationProperties("doorstep.feed")
public record FeedProperties(
        @Min(1) @Max(1000) int defaultPageSize,
        @Min(1) @Max(5000) int maxPageSize,
        @Min(1) @Max(64) int readers,
        @NotNull Duration streamWait) {
}
