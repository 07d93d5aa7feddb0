package org.doorstep.notifications.inbox;

/** One change of a batch to the inbox, written by match id (an upsert, an insert of a new item, or a delete; all idempotent). */
public sealed interface InboxChange {

    String matchId();

    /**
     * The item as it now is (its feedback, written by the seeker, is left as stored); {@code matchJson} is
     * the item's match as JSON when the caller has it already (the data of the event the item carries), else null;
     * {@code created}: the store held no such item when the batch read it (a store may then write it as a new
     * document, and must still end with the same item if one appeared since).
     */
    record Put(InboxItem item, String matchJson, boolean created) implements InboxChange {

        public Put(InboxItem item) {
            this(item, null, false);
        }

        @Override
        public String matchId() {
            return item.matchId();
        }
    }

    record Remove(String matchId) implements InboxChange {
    }
}
