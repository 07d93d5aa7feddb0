package org.doorstep.matching.messaging;

import java.time.Instant;

/** Events of the seeker aggregate on {@code doorstep.seekers.v1}; a tombstone counts as an erasure. */
sealed interface SeekerEvent {

    String UPSERTED = "org.doorstep.seeker.upserted.v1";
    String ERASED = "org.doorstep.seeker.erased.v1";

    record SeekerUpserted(SeekerState state) implements SeekerEvent {
    }

    record SeekerErased(String seekerId, Instant erasedAt) implements SeekerEvent {
    }
}
