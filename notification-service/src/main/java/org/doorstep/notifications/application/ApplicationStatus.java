package org.doorstep.notifications.application;

import java.util.Locale;
import java.util.Set;

/**
 * Where an application stands: {@code REQUESTED} until seekers-service has made the packet, {@code SUBMITTED} once the
 * partner has it, then what the partner reported, or {@code WITHDRAWN} (by the seeker, or by the seeker's erasure).
 */
public enum ApplicationStatus {
    REQUESTED, SUBMITTED, VIEWED, INTERVIEW, OFFER, HIRED, REJECTED, WITHDRAWN;

    /** What a partner may report. */
    public static final Set<ApplicationStatus> OUTCOMES = Set.of(VIEWED, INTERVIEW, OFFER, HIRED, REJECTED);

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Hired and rejected end an application, as a withdrawal does: nothing moves it on (or back) any more. */
    public boolean isFinal() {
        return this == HIRED || this == REJECTED || this == WITHDRAWN;
    }

    /**
     * Why a partner may not report {@code outcome} now, or null when it may: outcomes only move forward
     * (viewed, interview, offer, then hired or rejected; a step may be skipped), and never after the end.
     */
    public String refusesOutcome(ApplicationStatus outcome) {
        if (this == WITHDRAWN) {
            return "was withdrawn by the seeker";
        }
        if (isFinal()) {
            return "is closed: " + wire();
        }
        if (outcome.ordinal() < ordinal()) {
            return "is at " + wire() + "; an outcome does not go back to " + outcome.wire();
        }
        return null;
    }
}
