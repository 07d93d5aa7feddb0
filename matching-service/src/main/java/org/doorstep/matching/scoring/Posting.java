package org.doorstep.matching.scoring;

import java.time.Instant;
import java.util.List;

/**
 * A posting as matching sees it: labels already normalised to concepts ({@code requiredSkills},
 * {@code optionalSkills} are sorted concept ordinals), occupation as an ISCO unit group (0 unknown),
 * groups and accommodations as masks. The display fields travel on in {@code match.found}.
 */
public record Posting(
        String id,
        String partnerId,
        String externalId,
        long version,
        boolean open,
        String title,
        double lat,
        double lon,
        String regionCode,
        String address,
        Workplace workplace,
        EmploymentType employmentType,
        Salary salary,
        int isco,
        boolean iscoDerived,
        int[] requiredSkills,
        int[] optionalSkills,
        Education minEducation,
        float minExperienceYears,
        int targetGroups,
        int accommodations,
        List<String> campaignCodes,
        Instant validThrough,
        Instant updatedAt) {

    public boolean remote() {
        return workplace == Workplace.REMOTE;
    }

    public boolean hasMinExperience() {
        return !Float.isNaN(minExperienceYears);
    }

    public int skillCount() {
        return requiredSkills.length + optionalSkills.length;
    }
}
