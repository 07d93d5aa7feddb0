package org.doorstep.matching.messaging;

import java.time.Instant;
import java.util.List;

import org.doorstep.matching.scoring.Accommodation;
import org.doorstep.matching.scoring.Education;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.KeyGroup;
import org.doorstep.matching.scoring.SalaryPeriod;

/** The data of {@code seeker.upserted.v1}: what matching needs of a profile, nothing personal beyond it. */
record SeekerState(
        String seekerId,
        long version,
        Location location,
        Double maxDistanceKm,
        boolean remoteOk,
        List<String> desiredOccupations,
        List<SkillRef> skills,
        Education education,
        Double experienceYears,
        Expectation salaryExpectation,
        List<EmploymentType> employmentTypes,
        List<String> languages,
        List<KeyGroup> keyGroups,
        List<Accommodation> accommodationNeeds,
        Instant updatedAt,
        List<String> licences) {

    record Location(double lat, double lon, String regionCode) {
    }

    record SkillRef(String label, String escoUri, String level) {
    }

    record Expectation(double min, String currency, SalaryPeriod period) {
    }
}
