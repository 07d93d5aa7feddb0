package org.doorstep.matching.scoring;

/**
 * A seeker as matching keeps it, compact on purpose (a million of them live in one heap): skills are
 * sorted concept ordinals, desired occupations ISCO unit groups, groups and needs bit masks, unknown
 * numbers NaN. No name, no contact: matching never receives them.
 */
public record Seeker(
        String id,
        long version,
        boolean located,
        double lat,
        double lon,
        String regionCode,
        float maxDistanceKm,
        boolean remoteOk,
        int[] occupations,
        int[] skills,
        Education education,
        float experienceYears,
        float salaryMonthlyMin,
        String salaryCurrency,
        int employmentTypes,
        int keyGroups,
        int accommodationNeeds) {

    public boolean hasExperience() {
        return !Float.isNaN(experienceYears);
    }

    public boolean hasSalaryExpectation() {
        return !Float.isNaN(salaryMonthlyMin) && salaryCurrency != null;
    }
}
