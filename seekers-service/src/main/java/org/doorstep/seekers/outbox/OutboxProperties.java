package org.doorstep.seekers.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sweepInterval how often the relay retries the aggregates whose publishing failed (by id)
 * @param fullSweepInterval how often the relay searches the whole collection for pending entries (a scan):
 *                      left by a crash of this or another instance; also once at start-up
 * @param sendTimeout   how long one synchronous send waits for the broker's acknowledgement
 * @param source          the CloudEvents {@code source} of every event
 */
@ConfigurationProperties("doorstep.outbox")
public record OutboxProperties(@DefaultValue("1s") Duration sweepInterval,
                               @DefaultValue("5m") Duration fullSweepInterval,
                               @DefaultValue("10s") Duration sendTimeout,
                               @DefaultValue("//doorstep/seekers-service") String source) {
}
