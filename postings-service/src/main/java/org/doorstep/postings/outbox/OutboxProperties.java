package org.doorstep.postings.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How events leave the outbox: the CloudEvents source, and how often (and after how long)
 * the sweeper republishes entries a crashed or failed write left behind: every sweep interval those this
 * instance failed to publish (by id), every full-sweep interval whatever it finds by searching.
 */
@Validated
@ConfigurationProperties("doorstep.outbox")
public record OutboxProperties(
        @NotBlank String source,
        @NotNull Duration sweepInterval,
        @NotNull Duration fullSweepInterval,
        @NotNull Duration sweepGrace,
        @NotNull Duration sendTimeout) {
}
