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
}
