package org.doorstep.seekers.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sweepInterval how often the relay looks for entries a trigger missed (crash, other instance)
 * @param sendTimeout   how long one synchronous send waits for the broker's acknowledgement
 * @param source        the CloudEvents {@code source} of every event
 */
@ConfigurationProperties("doorstep.outbox")
public record OutboxProperties(@DefaultValue("1s") Duration sweepInterval,
                               @DefaultValue("10s") Duration sendTimeout,
                               @DefaultValue("//doorstep/seekers-service") String source) {
}
