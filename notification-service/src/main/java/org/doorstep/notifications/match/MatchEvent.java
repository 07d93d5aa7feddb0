package org.doorstep.notifications.match;

/** What matching-service tells us about a (posting, seeker) pair, as read from {@code doorstep.matches.v1}. */
public sealed interface MatchEvent permits MatchFound, MatchWithdrawn {

    String FOUND_TYPE = "org.doorstep.match.found.v1";
    String WITHDRAWN_TYPE = "org.doorstep.match.withdrawn.v1";

    String matchId();

    String seekerId();

    String postingId();
}
