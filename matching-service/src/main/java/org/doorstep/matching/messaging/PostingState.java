package org.doorstep.matching.messaging;

import java.time.Instant;
import java.util.List;

import org.doorstep.matching.scoring.Accommodation;
import org.doorstep.matching.scoring.Education;
import org.doorstep.matching.scoring.EmploymentType;
import org.doorstep.matching.scoring.KeyGroup;
import org.doorstep.matching.scoring.SalaryPeriod;
import org.doorstep.matching.scoring.Workplace;

/** The data of {@code posting.upserted.v1} and {@code posting.closed.v1}: a posting's full state. */
record PostingState(
        String postingId,
        String partnerId,
        String externalId,
        long version,
        String status,
        String title,
        String description,
        String occupation,
        List<SkillRef> skills,
        Location location,
        Workplace workplace,
        EmploymentType employmentType,
        Pay salary,
        Integer vacancies,
        Education education,
        Double minExperienceYears,
        List<KeyGroup> targetGroups,
        List<Accommodation> accommodations,
        List<String> campaignCodes,
        Instant validThrough,
        List<String> languages,
        Instant updatedAt,
        String closedReason,
        List<String> requiredLicences,
        Employer employer,
        Instant createdAt) {

    /** Who offers the job (optional: partners that name it make cross-partner duplicates easier to tell). */
    record Employer(String name) {
    }

    record SkillRef(String label, String escoUri, boolean required) {
    }

    record Location(double lat, double lon, String regionCode, String address) {
    }

    record Pay(double min, double max, String currency, SalaryPeriod period) {
    }
}
