package org.doorstep.notifications.inbox;

import java.time.Instant;

/**
 * One entry of a seeker's notification feed, the source of the live stream: {@code sequence} grows
 * strictly per seeker (see {@code delivery.StreamPositions} for where it comes from), {@code type} is
 * the SSE event name, {@code data} the JSON sent.
 */
public record FeedEvent(String seekerId, long sequence, String type, String matchId, String data, Instant at) {

    public static final String MATCH_FOUND = "match.found";
    public static final String MATCH_WITHDRAWN = "match.withdrawn";
    public static final String DIGEST = "digest";

    public Key key() {
        return new Key(seekerId, sequence);
    }

    /**
     * Whether the match's inbox item stores this event ({@link InboxItem#feedSequence()}): a match.found is
     * the match the inbox holds anyway, so the feed only lists its number; other events are stored by the feed.
     */
    public boolean carriedByInbox() {
        return MATCH_FOUND.equals(type);
    }

    /** A feed entry's identity. */
    public record Key(String seekerId, long sequence) {
    }
}
