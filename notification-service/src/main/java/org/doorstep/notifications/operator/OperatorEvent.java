package org.doorstep.notifications.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One delivery decision as operators see it on the live feed: which match, the posting and its partner, the score,
 * what became of it ({@code live}, {@code held}, {@code digest}, {@code inbox_only}, {@code withdrawn}), the job's
 * region and campaigns, and when. Nothing about the seeker: the match is named by {@code matchRef}, a one-way hash
 * of its matchId (a matchId holds the seeker's id), stable for the match so that its decisions can be followed.
 */
public record OperatorEvent(String matchRef, String postingId, String partnerId, double score, String outcome,
                            String regionCode, List<String> campaignCodes, Instant at) {

    public OperatorEvent {
        campaignCodes = campaignCodes == null ? List.of() : List.copyOf(campaignCodes);
    }

    /** The feed's name of a match: the first 128 bits of the SHA-256 of its matchId, in hex. */
    public static String reference(String matchId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(matchId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
