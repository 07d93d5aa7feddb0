package org.doorstep.matching.scoring;

import java.time.Instant;
import java.util.List;

/**
 * A posting as matching sees it: labels already normalised to concepts ({@code requiredSkills},
 * {@code optionalSkills} are sorted concept ordinals; {@code extractedSkills} those found in its
 * description, each with its extraction confidence in {@code extractedWeights}, counted as optional),
 * occupation as an ISCO unit group (0 unknown) with {@code iscoConfidence} (1 stated, less when derived
 * from the title or inferred from the skills) and {@code occupationProfile}, the position of that occupation's
 * skill profile in the taxonomy (-1 none), groups and accommodations as masks; {@code languages} (the working
 * languages, primary subtags in lower case: any one of them will do) and {@code requiredLicences} (lower case, all
 * needed) for the vetoes; {@code employer} the employer's name as compared (null when not given), for what the
 * seeker's dismissals say; {@code createdAt} when the partner first published it (null when the event does not say),
 * for the time from posting to hire. The display fields
 * travel on in {@code match.found}.
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
        Instant updatedAt,
        float iscoConfidence,
        int[] extractedSkills,
        float[] extractedWeights,
        int occupationProfile,
        List<String> languages,
        List<String> requiredLicences,
        String employer,
        Instant createdAt) {

    private static final int[] NONE = new int[0];

    public Posting {
        languages = languages == null ? List.of() : List.copyOf(languages);
        requiredLicences = requiredLicences == null ? List.of() : List.copyOf(requiredLicences);
    }

    /** A posting whose employer is not named. */
    public Posting(String id, String partnerId, String externalId, long version, boolean open, String title,
                   double lat, double lon, String regionCode, String address, Workplace workplace,
                   EmploymentType employmentType, Salary salary, int isco, boolean iscoDerived, int[] requiredSkills,
                   int[] optionalSkills, Education minEducation, float minExperienceYears, int targetGroups,
                   int accommodations, List<String> campaignCodes, Instant validThrough, Instant updatedAt,
                   float iscoConfidence, int[] extractedSkills, float[] extractedWeights, int occupationProfile,
                   List<String> languages, List<String> requiredLicences) {
        this(id, partnerId, externalId, version, open, title, lat, lon, regionCode, address, workplace,
                employmentType, salary, isco, iscoDerived, requiredSkills, optionalSkills, minEducation,
                minExperienceYears, targetGroups, accommodations, campaignCodes, validThrough, updatedAt,
                iscoConfidence, extractedSkills, extractedWeights, occupationProfile, languages, requiredLicences, null, null);
    }

    /** A posting that names no working languages and requires no licences. */
    public Posting(String id, String partnerId, String externalId, long version, boolean open, String title,
                   double lat, double lon, String regionCode, String address, Workplace workplace,
                   EmploymentType employmentType, Salary salary, int isco, boolean iscoDerived, int[] requiredSkills,
                   int[] optionalSkills, Education minEducation, float minExperienceYears, int targetGroups,
                   int accommodations, List<String> campaignCodes, Instant validThrough, Instant updatedAt,
                   float iscoConfidence, int[] extractedSkills, float[] extractedWeights, int occupationProfile) {
        this(id, partnerId, externalId, version, open, title, lat, lon, regionCode, address, workplace,
                employmentType, salary, isco, iscoDerived, requiredSkills, optionalSkills, minEducation,
                minExperienceYears, targetGroups, accommodations, campaignCodes, validThrough, updatedAt,
                iscoConfidence, extractedSkills, extractedWeights, occupationProfile, List.of(), List.of());
    }

    /** A posting with no description skills whose occupation, if any, is certain. */
    public Posting(String id, String partnerId, String externalId, long version, boolean open, String title,
                   double lat, double lon, String regionCode, String address, Workplace workplace,
                   EmploymentType employmentType, Salary salary, int isco, boolean iscoDerived, int[] requiredSkills,
                   int[] optionalSkills, Education minEducation, float minExperienceYears, int targetGroups,
                   int accommodations, List<String> campaignCodes, Instant validThrough, Instant updatedAt) {
        this(id, partnerId, externalId, version, open, title, lat, lon, regionCode, address, workplace,
                employmentType, salary, isco, iscoDerived, requiredSkills, optionalSkills, minEducation,
                minExperienceYears, targetGroups, accommodations, campaignCodes, validThrough, updatedAt, 1f, NONE,
                new float[0], -1);
    }

    public boolean remote() {
        return workplace == Workplace.REMOTE;
    }

    public boolean hasMinExperience() {
        return !Float.isNaN(minExperienceYears);
    }

    /** Every skill that counts: required, optional and found in the description. */
    public int skillCount() {
        return requiredSkills.length + optionalSkills.length + extractedSkills.length;
    }
}
