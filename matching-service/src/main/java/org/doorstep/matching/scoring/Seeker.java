package org.doorstep.matching.scoring;

import java.util.List;

/**
 * A seeker as matching keeps it, compact on purpose (a million of them live in one heap): skills are
 * sorted concept ordinals; occupations are ISCO unit groups (sorted), the ones they stated and the ones
 * inferred from their skills, each with a confidence in {@code occupationWeights} (1 when stated); groups
 * and needs bit masks, unknown numbers NaN; {@code languages} (primary subtags, lower case) and {@code licences}
 * (lower case) for the vetoes, empty when not stated. No name, no contact: matching never receives them.
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
        int accommodationNeeds,
        float[] occupationWeights,
        List<String> languages,
        List<String> licences) {

    public Seeker {
        languages = languages == null ? List.of() : List.copyOf(languages);
        licences = licences == null ? List.of() : List.copyOf(licences);
    }

    /** A seeker who names no languages and no licences. */
    public Seeker(String id, long version, boolean located, double lat, double lon, String regionCode,
                  float maxDistanceKm, boolean remoteOk, int[] occupations, int[] skills, Education education,
                  float experienceYears, float salaryMonthlyMin, String salaryCurrency, int employmentTypes,
                  int keyGroups, int accommodationNeeds, float[] occupationWeights) {
        this(id, version, located, lat, lon, regionCode, maxDistanceKm, remoteOk, occupations, skills, education,
                experienceYears, salaryMonthlyMin, salaryCurrency, employmentTypes, keyGroups, accommodationNeeds,
                occupationWeights, List.of(), List.of());
    }

    /** A seeker whose occupations are all stated (confidence 1). */
    public Seeker(String id, long version, boolean located, double lat, double lon, String regionCode,
                  float maxDistanceKm, boolean remoteOk, int[] occupations, int[] skills, Education education,
                  float experienceYears, float salaryMonthlyMin, String salaryCurrency, int employmentTypes,
                  int keyGroups, int accommodationNeeds) {
        this(id, version, located, lat, lon, regionCode, maxDistanceKm, remoteOk, occupations, skills, education,
                experienceYears, salaryMonthlyMin, salaryCurrency, employmentTypes, keyGroups, accommodationNeeds,
                null);
    }

    /** The confidence of the {@code i}-th occupation (1 when stated). */
    public double occupationWeight(int i) {
        return occupationWeights == null ? 1.0 : occupationWeights[i];
    }

    public boolean hasExperience() {
        return !Float.isNaN(experienceYears);
    }

    public boolean hasSalaryExpectation() {
        return !Float.isNaN(salaryMonthlyMin) && salaryCurrency != null;
    }
}
