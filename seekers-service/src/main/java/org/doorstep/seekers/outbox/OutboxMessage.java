package org.doorstep.seekers.outbox;

import java.time.Instant;

/**
 * One record to publish, kept inside its aggregate's document until the broker acknowledged it. A
 * {@code null} payload is a tombstone (no CloudEvents headers). {@code ceId} stays the same on every retry.
 */
public record OutboxMessage(String ceId, String ceType, String topic, String key, Instant time, String payload) {

    public boolean tombstone() {
        return payload == null;
    }
}
