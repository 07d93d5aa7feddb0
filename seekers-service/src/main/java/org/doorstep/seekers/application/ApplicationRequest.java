package org.doorstep.seekers.application;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A seeker's application as the app asked for it (through notification-service): which match, which profile fields to
 * share and, only when {@code contactConsentAt} is set, the consent to give the partner the name and contact, recorded
 * at that moment. Carries no personal data itself.
 */
public record ApplicationRequest(String applicationId, String matchId, String seekerId, String postingId,
                                 String partnerId, Set<SharedField> share, Instant contactConsentAt,
                                 Instant requestedAt) {

    public ApplicationRequest {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(seekerId, "seekerId");
        Objects.requireNonNull(postingId, "postingId");
        Objects.requireNonNull(partnerId, "partnerId");
        share = Set.copyOf(share == null ? Set.of() : share);
    }

    public boolean shareContact() {
        return contactConsentAt != null;
    }

    /** The profile fields a seeker may choose to share with the partner. */
    public enum SharedField { SKILLS, EXPERIENCE, EDUCATION, LANGUAGES }
}
