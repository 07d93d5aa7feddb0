package org.doorstep.postings.outbox;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * An event waiting in its aggregate's document to be published: the CloudEvents attributes, the
 * record key and the JSON data. Its {@code ceId} stays the same however often it is (re)published.
 */
public record OutboxEntry(String ceId, String type, String topic, String key, String subject, Instant time,
                          String data) {

    /** The field of an aggregate document holding its pending entries, oldest first. */
    public static final String FIELD = "outbox";

    /** Optional field of a stored entry: the id of the batch insert that wrote it, for one cleanup of all. */
    public static final String BATCH = "batch";

    public Document toDocument() {
        return new Document("ceId", ceId)
                .append("type", type)
                .append("topic", topic)
                .append("key", key)
                .append("subject", subject)
                .append("time", Date.from(time))
                .append("data", data);
    }

    /** The stored form, tagged with the batch insert that writes it. */
    public Document toDocument(String batch) {
        return toDocument().append(BATCH, batch);
    }

    public static OutboxEntry fromDocument(Document d) {
        return new OutboxEntry(d.getString("ceId"), d.getString("type"), d.getString("topic"), d.getString("key"),
                d.getString("subject"), d.getDate("time").toInstant(), d.getString("data"));
    }
}
