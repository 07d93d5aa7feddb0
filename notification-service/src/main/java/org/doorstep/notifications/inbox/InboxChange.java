package org.doorstep.notifications.inbox;

/** One change of a batch to the inbox, written by match id (an upsert or a delete, both idempotent). */
public sealed interface InboxChange {

    String matchId();

    /**
     * The item as it now is (its feedback, written by the seeker, is left as stored); {@code matchJson} is
     * the item's match as JSON when the caller has it already (the data of the event the item carries), else null.
     */
    record Put(InboxItem item, String matchJson) implements InboxChange {

        public Put(InboxItem item) {
            this(item, null);
        }

        @Override
        public String matchId() {
            return item.matchId();
        }
    }

    record Remove(String matchId) implements InboxChange {
    }
}
