package org.doorstep.notifications.delivery;

import java.time.Instant;

/**
 * A match stored in the inbox whose live delivery waits: held by quiet hours until {@code until}, or
 * over the daily cap waiting for the digest. {@code sequence} is the feed sequence reserved when a job
 * started to deliver it (reused if that delivery reached the feed before a crash), else null.
 */
public record Pending(String matchId, String seekerId, int partition, Kind kind, Instant until, Instant since,
                      Long sequence) {

    public enum Kind { HELD, DIGEST }

    public Pending withSequence(long newSequence) {
        return new Pending(matchId, seekerId, partition, kind, until, since, newSequence);
    }
}
