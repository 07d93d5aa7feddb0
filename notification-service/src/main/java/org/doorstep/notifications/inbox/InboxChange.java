package org.doorstep.notifications.inbox;

/** One change of a batch to the inbox, written by match id (an upsert or a delete, both idempotent). */
public sealed interface InboxChange {

    String matchId();

    /** The item as it now is (its feedback, written by the seeker, is left as stored). */
    record Put(InboxItem item) implements InboxChange {
        @Override
        public String matchId() {
            return item.matchId();
        }
    }

    record Remove(String matchId) implements InboxChange {
    }
}
