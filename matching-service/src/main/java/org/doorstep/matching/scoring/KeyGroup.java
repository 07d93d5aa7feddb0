package org.doorstep.matching.scoring;

import java.util.Locale;

/** The groups a public employment service gives priority to. */
public enum KeyGroup {
    COLLEGE_GRADUATE, MIGRANT_WORKER, POVERTY_ALLEVIATED, EMPLOYMENT_DIFFICULTY, DISABLED, UNEMPLOYED;

    public String phrase() {
        return switch (this) {
            case COLLEGE_GRADUATE -> "college graduates";
            case MIGRANT_WORKER -> "migrant workers";
            case POVERTY_ALLEVIATED -> "people lifted out of poverty";
            case EMPLOYMENT_DIFFICULTY -> "people with employment difficulties";
            case DISABLED -> "people with disabilities";
            case UNEMPLOYED -> "unemployed people";
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
