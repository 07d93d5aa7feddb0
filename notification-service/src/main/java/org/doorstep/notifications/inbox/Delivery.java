package org.doorstep.notifications.inbox;

/** How an inbox item reached (or will reach) the seeker's live channels. */
public enum Delivery {
    /** Recorded, decision not yet taken (a crash here is repaired by the redelivery). */
    PENDING,
    /** Pushed live (stream, push). */
    LIVE,
    /** Held by quiet hours until {@code holdUntil}. */
    HELD,
    /** Over the daily cap: waits for the digest. */
    DIGEST,
    /** Included in a digest already. */
    DIGESTED,
    /** Below the seeker's minimum score or otherwise not notified; visible in the inbox only. */
    INBOX_ONLY
}
