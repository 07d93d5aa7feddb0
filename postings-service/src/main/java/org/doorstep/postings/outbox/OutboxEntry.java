package org.doorstep.postings.outbox;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document to be published: the CloudEvents attributes, the
 * record key and the JSON data. Its {@code ceId} stays the same however often it is (re)published.
 * Stored as {@link OutboxDocuments} says.
 */
public record OutboxEntry(String ceId, String type, String topic, String key, String subject, Instant time,
                          String data) {
}
