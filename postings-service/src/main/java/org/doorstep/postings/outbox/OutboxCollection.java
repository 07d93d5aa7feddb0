package org.doorstep.postings.outbox;

/** A MongoDB collection whose documents carry an outbox; each feature declares its own as a bean. */
public record OutboxCollection(String name) {
}
