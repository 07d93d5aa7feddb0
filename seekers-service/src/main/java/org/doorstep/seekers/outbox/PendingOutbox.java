package org.doorstep.seekers.outbox;

import java.util.List;
import java.util.Optional;

/** The outbox entries stored inside aggregate documents, as the relay sees them. Blocking calls. */
public interface PendingOutbox {

    /** Ids of aggregates that have entries still to publish (at most {@code limit}). */
    List<String> aggregatesWithPending(int limit);

    /** The oldest entry still to publish for the aggregate. */
    Optional<OutboxMessage> next(String aggregateId);

    void markSent(String aggregateId, String ceId);

    /** Called when an aggregate has nothing left to publish (lets the store drop erased stubs). */
    void drained(String aggregateId);
}
