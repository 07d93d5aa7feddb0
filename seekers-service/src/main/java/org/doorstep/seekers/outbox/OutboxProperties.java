package org.doorstep.seekers.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sweepInterval how often the relay retries the aggregates whose publishing failed (by id)
 * @param fullSweepInterval how often the relay searches the whole collection for pending entries (a scan):
 *                      left by a crash of this or another instance; also once at start-up
 * @param sendTimeout   how long one synchronous send waits for the broker's acknowledgement
 * @param source          the CloudEvents {@code source} of every event
 * @param createTopics    whether to create missing topics at start-up (off where an operator manages them)
 * @param compactedTopics the topics this service publishes to, all compacted
 * @param topicPartitions partitions of a topic created here
 * @param maxCompactionLag {@code max.compaction.lag.ms} of a topic created here: the longest a record (an erased
 *                        seeker's profile or preferences) outlives a later record of its key, the erasure's tombstone
 */
@ConfigurationProperties("doorstep.outbox")
public record OutboxProperties(@DefaultValue("1s") Duration sweepInterval,
                               @DefaultValue("5m") Duration fullSweepInterval,
                               @DefaultValue("10s") Duration sendTimeout,
                               @DefaultValue("//doorstep/seekers-service") String source,
                               @DefaultValue("true") boolean createTopics,
                               @DefaultValue({"doorstep.seekers.v1", "doorstep.seeker-preferences.v1", "doorstep.applications.v1"}) List<String> compactedTopics,
                               @DefaultValue("3") int topicPartitions,
                               @DefaultValue("24h") Duration maxCompactionLag) {
}
