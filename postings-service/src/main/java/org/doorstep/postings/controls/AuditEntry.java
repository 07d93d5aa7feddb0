package org.doorstep.postings.controls;

import java.time.Instant;
import java.util.Objects;

/**
 * One operator action on a partner, as the audit trail keeps it: who ({@code actor}, the operator's principal), what
 * ({@code action} and its {@code detail}), on which partner, when. {@code entryId} orders the trail by time.
 */
public record AuditEntry(String entryId, Instant at, String actor, AuditAction action, String partnerId,
                         String detail) {

    public AuditEntry {
        Objects.requireNonNull(entryId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(action);
    }
}
