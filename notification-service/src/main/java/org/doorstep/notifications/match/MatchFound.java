package org.doorstep.notifications.match;

import java.util.List;

/** {@code org.doorstep.match.found.v1}: field names follow the contract schema exactly. */
public record MatchFound(String matchId, String seekerId, String postingId, int revision, double score,
                         List<Reason> reasons, PostingSummary posting, List<String> campaignCodes,
                         String trigger, String matchedAt) implements MatchEvent {

    public MatchFound {
        require(matchId, "matchId");
        require(seekerId, "seekerId");
        require(postingId, "postingId");
        if (posting == null || posting.partnerId() == null || posting.partnerId().isBlank()) {
            throw new IllegalArgumentException("posting.partnerId is required");
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        campaignCodes = campaignCodes == null ? List.of() : List.copyOf(campaignCodes);
    }

    static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    public record Reason(String factor, double value, String detail) {
    }

    public record PostingSummary(String partnerId, String externalId, String title, Location location,
                                 Salary salary, String workplace, String employmentType) {
    }

    public record Location(double lat, double lon, String regionCode, String address) {
    }

    public record Salary(double min, double max, String currency, String period) {
    }
}
