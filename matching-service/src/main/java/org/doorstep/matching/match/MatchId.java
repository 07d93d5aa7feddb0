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

    public static String eventId(String matchId, String kind, int revision) {
        return UUID.nameUUIDFromBytes((matchId + "#" + kind + "#" + revision).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
