package org.doorstep.matching.match;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** {@code org.doorstep.match.withdrawn.v1}: an earlier match no longer holds. {@code revision} (the
 * ledger's, not on the wire) keeps the event id stable when the same withdrawal is republished. */
public record MatchWithdrawn(
        String matchId,
        String seekerId,
        String postingId,
        String partnerId,
        WithdrawalReason reason,
        Instant withdrawnAt,
        @JsonIgnore int revision) implements MatchEvent {

    public static final String TYPE = "org.doorstep.match.withdrawn.v1";

    @Override
    public String eventId() {
        return MatchId.eventId(matchId, "withdrawn", revision);
    }
}
