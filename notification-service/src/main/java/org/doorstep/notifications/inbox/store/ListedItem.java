package org.doorstep.notifications.inbox.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InvalidCursor;

/**
 * An inbox item as a seeker's day index lists it: when it was received (an item keeps that instant through every
 * revision) and its match id. Inbox pages run newest first, by this order; a page's cursor is the last item it
 * showed.
 */
record ListedItem(long receivedAtMillis, String matchId) {

    static final Comparator<ListedItem> NEWEST_FIRST = Comparator.comparingLong(ListedItem::receivedAtMillis)
            .thenComparing(ListedItem::matchId).reversed();

    static ListedItem of(InboxItem item) {
        return new ListedItem(item.receivedAt().toEpochMilli(), item.matchId());
    }

    /** The form an index document holds. */
    String entry() {
        return receivedAtMillis + "|" + matchId;
    }

    static ListedItem parse(String entry) {
        int bar = entry.indexOf('|');
        return new ListedItem(Long.parseLong(entry.substring(0, bar)), entry.substring(bar + 1));
    }

    /** Whether this item comes after {@code other} on the pages, newest first. */
    boolean after(ListedItem other) {
        return NEWEST_FIRST.compare(this, other) > 0;
    }

    /** Whether the listed item is this stored one, as received: an entry of an attempt that was not written is not. */
    boolean lists(InboxItem item) {
        return item.matchId().equals(matchId) && item.receivedAt().toEpochMilli() == receivedAtMillis;
    }

    String cursor() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((receivedAtMillis + ":" + matchId)
                .getBytes(StandardCharsets.UTF_8));
    }

    static ListedItem ofCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new ListedItem(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new InvalidCursor(cursor);
        }
    }
}
