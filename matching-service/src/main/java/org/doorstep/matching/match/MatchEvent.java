package org.doorstep.matching.match;

/** What matching tells the world about a pair (topic doorstep.matches.v1, key seekerId). */
public sealed interface MatchEvent permits MatchFound, MatchWithdrawn {

    String matchId();

    String seekerId();

    String postingId();

    /** The CloudEvents id: the same for a republish of the same revision. */
    String eventId();
}
