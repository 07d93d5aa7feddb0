package org.doorstep.matching.match;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A pair's stable id, and the stable CloudEvents id of each of its events (so a republish is recognisable). */
public final class MatchId {

    private MatchId() {
    }

    public static String of(String postingId, String seekerId) {
        return "m-" + postingId.replace("-", "") + "-" + seekerId.replace("-", "");
    }

    /**
     * What the ledger keeps of a pair once its seeker is erased: a one-way hash of the matchId, which holds
     * the seeker's id. Enough to recognise the pair again ("never twice"), not to tell whose it was.
     */
    public static String anonymous(String matchId) {
        return "erased-" + OneWayHash.of(matchId);
    }

    public static String eventId(String matchId, String kind, int revision) {
        return UUID.nameUUIDFromBytes((matchId + "#" + kind + "#" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
