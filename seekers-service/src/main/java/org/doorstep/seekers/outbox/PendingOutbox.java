package org.doorstep.seekers.outbox;

import java.util.Collection;
import java.util.List;

/** The outbox entries stored inside aggregate documents, as the relay sees them. Blocking calls. */
public interface PendingOutbox {

    /** Ids of aggregates that have entries still to publish (at most {@code limit}): a search, for the full sweep. */
    List<String> aggregatesWithPending(int limit);

    /** Those of these aggregates that have entries to publish, each with them oldest first: one keyed read. */
    List<PendingAggregate> pending(Collection<String> aggregateIds);

    /**
     * Removes the published entries from their aggregates in one write; entries added meanwhile stay. A stub
     * (an aggregate kept only until its outbox is published) left with nothing to publish goes, unless it
     * changed since it was read.
     */
    void markSent(List<Published> published);

    /**
     * An aggregate's pending entries as read at {@code version}.
     *
     * @param stub kept only until its outbox is published (an erased seeker)
     */
    record PendingAggregate(String id, long version, boolean stub, List<OutboxMessage> entries) {
    }

    /** The first {@code count} entries of {@code aggregate} were acknowledged by the broker. */
    record Published(PendingAggregate aggregate, int count) {

        public List<OutboxMessage> entries() {
            return aggregate.entries().subList(0, count);
        }

        public boolean all() {
            return count == aggregate.entries().size();
        }
    }
}
