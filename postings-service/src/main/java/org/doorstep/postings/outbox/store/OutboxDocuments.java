package org.doorstep.postings.outbox.store;

import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.doorstep.postings.outbox.OutboxEntry;

/** The stored form of outbox entries inside an aggregate's document (field {@link #FIELD}, oldest first). */
public final class OutboxDocuments {

    /** The field of an aggregate document holding its pending entries, oldest first. */
    public static final String FIELD = "outbox";

    /** Optional field of a stored entry: the id of the batch insert that wrote it, for one cleanup of all. */
    static final String BATCH = "batch";

    private OutboxDocuments() {
    }

    public static Document toDocument(OutboxEntry e) {
        return new Document("ceId", e.ceId())
                .append("type", e.type())
                .append("topic", e.topic())
                .append("key", e.key())
                .append("subject", e.subject())
                .append("time", Date.from(e.time()))
                .append("data", e.data());
    }

    /** The stored forms, tagged with the batch insert that writes them. */
    public static List<Document> toDocuments(List<OutboxEntry> entries, String batch) {
        return entries.stream().map(e -> toDocument(e).append(BATCH, batch)).toList();
    }

    public static List<Document> toDocuments(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxDocuments::toDocument).toList();
    }

    private static OutboxEntry fromDocument(Document d) {
        return new OutboxEntry(d.getString("ceId"), d.getString("type"), d.getString("topic"), d.getString("key"),
                d.getString("subject"), d.getDate("time").toInstant(), d.getString("data"));
    }

    /** The entries still pending in an aggregate's document. */
    @SuppressWarnings("unchecked")
    public static List<OutboxEntry> pending(Document doc) {
        List<Document> pending = (List<Document>) doc.get(FIELD, List.class);
        return pending == null ? List.of() : pending.stream().map(OutboxDocuments::fromDocument).toList();
    }
}
