package org.doorstep.matching.match;

import java.time.Instant;
import java.util.List;

import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.Reason;
import org.doorstep.matching.scoring.Salary;
import org.doorstep.matching.scoring.Workplace;

/** {@code org.doorstep.match.found.v1}: a pair above the threshold, its reasons and what a notification shows. */
public record MatchFound(
        String matchId,
        String seekerId,
        String postingId,
        int revision,
        double score,
        List<Reason> reasons,
        PostingSummary posting,
        List<String> campaignCodes,
        Trigger trigger,
        Instant matchedAt,
        List<Source> sources) implements MatchEvent {

    public static final String TYPE = "org.doorstep.match.found.v1";

    @Override
    public String eventId() {
        return MatchId.eventId(matchId, "found", revision);
    }

    public record PostingSummary(String partnerId, String externalId, String title, Place location, Salary salary,
                                 Workplace workplace, EmploymentType employmentType) {
    }

    /**
     * A fingerprint of what a match shows of its posting (never 0): the same in every instance and release, as it is
     * built from the records' text (names of enums, decimal numbers), not from identity hash codes.
     */
    public static int shown(PostingSummary posting, List<String> campaignCodes) {
        int fingerprint = (posting + "|" + campaignCodes).hashCode();
        return fingerprint == 0 ? 1 : fingerprint;
    }

    /**
     * A posting of the same job: the job as every partner that publishes it (the match's own posting first). A job
     * published by several partners is told once, with all of them.
     */
    public record Source(String postingId, String partnerId, String externalId) {
    }

    public record Place(double lat, double lon, String regionCode, String address) {
    }
}
