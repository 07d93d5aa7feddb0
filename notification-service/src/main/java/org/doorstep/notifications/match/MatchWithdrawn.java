package org.doorstep.notifications.match;

/** {@code org.doorstep.match.withdrawn.v1}. */
public record MatchWithdrawn(String matchId, String seekerId, String postingId, String partnerId, String reason,
                             String withdrawnAt) implements MatchEvent {

    public MatchWithdrawn {
        MatchFound.require(matchId, "matchId");
        MatchFound.require(seekerId, "seekerId");
        MatchFound.require(postingId, "postingId");
    }
}
