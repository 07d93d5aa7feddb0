package org.doorstep.notifications.webhook;

import java.time.Instant;

/**
 * One event for a partner's webhook: {@code eventId} is stable (same match event, same id), so a
 * receiver can drop a repeat; {@code data} is the JSON sent, already stripped of anything private.
 */
public record PartnerEvent(String partnerId, String eventId, String type, String seekerId, String matchId,
                           String data, Instant createdAt) {

    /** The event type that tells a partner a seeker it was told about was erased. */
    public static final String SEEKER_ERASED = "seeker.erased";
}
