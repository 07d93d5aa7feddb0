package org.doorstep.matching.scoring;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.doorstep.matching.taxonomy.BuiltInVocabulary;
import org.doorstep.matching.taxonomy.Taxonomy;

/** Postings and seekers for scoring tests, built field by field from sensible defaults. */
final class Pairs {

    static final Taxonomy TAXONOMY = BuiltInVocabulary.load();
    static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    static final double LAT = 30.5728;
    static final double LON = 104.0668;

    static int skill(String label) {
        return TAXONOMY.skill(label, null);
    }

    static int[] skills(String... labels) {
        return Arrays.stream(labels).mapToInt(Pairs::skill).sorted().distinct().toArray();
    }

    static final class P {
        boolean open = true;
        double lat = LAT;
        double lon = LON;
        Workplace workplace = Workplace.ONSITE;
        Salary salary = new Salary(12000, 18000, "CNY", SalaryPeriod.MONTH);
        int isco = 2512;
        int[] required = skills("Java", "SQL");
        int[] optional = skills("Kafka");
        Education minEducation;
        float minExperience = Float.NaN;
        int targetGroups;
        int accommodations;
        Instant validThrough = NOW.plusSeconds(86_400 * 30L);
        Instant updatedAt = NOW;
        EmploymentType employmentType = EmploymentType.FULL_TIME;
        List<String> languages = List.of();
        List<String> licences = List.of();

        Posting build() {
            return new Posting("p-1", "partner-1", "EXT-1", 1, open, "Java developer", lat, lon, "510100", "Chengdu",
                    workplace, employmentType, salary, isco, false, required, optional, minEducation,
                    minExperience, targetGroups, accommodations, List.of("SPRING-2026"), validThrough, updatedAt,
                    1f, new int[0], new float[0], -1, languages, licences);
        }
    }

    static final class S {
        boolean located = true;
        double lat = LAT + 0.05;
        double lon = LON;
        float maxDistanceKm = 15;
        boolean remoteOk;
        int[] occupations = {2512};
        int[] skills = skills("Java", "SQL");
        Education education;
        float experience = Float.NaN;
        float salary = Float.NaN;
        String currency;
        int keyGroups;
        int needs;
        int employmentTypes;
        List<String> languages = List.of();
        List<String> licences = List.of();

        Seeker build() {
            return new Seeker("s-1", 1, located, lat, lon, "510104", maxDistanceKm, remoteOk, occupations, skills,
                    education, experience, salary, currency, employmentTypes, keyGroups, needs, null, languages,
                    licences);
        }
    }

    static P posting() {
        return new P();
    }

    static S seeker() {
        return new S();
    }

    /** A latitude offset that puts a point about {@code km} north of the posting. */
    static double north(double km) {
        return LAT + km / 111.195;
    }

    private Pairs() {
    }
}
