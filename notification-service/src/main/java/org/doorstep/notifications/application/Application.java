package org.doorstep.notifications.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * A seeker's application to a matched posting, as notification-service keeps it: who, which posting and partner, what
 * the seeker chose to share, its status with every step, and the packet (the JSON seekers-service made; name and
 * contact only with the consent given when applying) once it arrived, and when the posting closed ({@code null} while it
 * is open, or once it reopened). {@code version} guards every change.
 */
public record Application(String applicationId, long version, String seekerId, String matchId, String postingId,
                          String partnerId, String title, List<String> share, boolean shareContact,
                          Instant contactConsentAt, ApplicationStatus status, List<Step> history, String matchedAt,
                          String packet, Instant createdAt, Instant updatedAt, Instant postingClosedAt) {

    public Application {
        Objects.requireNonNull(applicationId, "applicationId");
        share = List.copyOf(share == null ? List.of() : share);
        history = List.copyOf(history == null ? List.of() : history);
    }

    /** One change of status, when it happened. */
    public record Step(ApplicationStatus status, Instant at) {
    }

    /** One application per match: its id is derived from the match's, so a repeated or concurrent apply finds it. */
    public static String idFor(String matchId) {
        return UUID.nameUUIDFromBytes(("application:" + matchId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public boolean open() {
        return status != ApplicationStatus.WITHDRAWN && status != ApplicationStatus.REJECTED
                && status != ApplicationStatus.HIRED;
    }

    public Application moveTo(ApplicationStatus next, Instant at, String packetAfter) {
        List<Step> steps = new ArrayList<>(history);
        steps.add(new Step(next, at));
        return new Application(applicationId, version, seekerId, matchId, postingId, partnerId, title, share,
                shareContact, contactConsentAt, next, steps, matchedAt, packetAfter, createdAt, at, postingClosedAt);
    }
}
