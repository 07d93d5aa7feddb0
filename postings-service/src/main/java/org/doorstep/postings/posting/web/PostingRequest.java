package org.doorstep.postings.posting.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.doorstep.postings.posting.Accommodation;
import org.doorstep.postings.posting.Education;
import org.doorstep.postings.posting.Employer;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.Salary;
import org.doorstep.postings.posting.Skill;
import org.doorstep.postings.posting.TargetGroup;
import org.doorstep.postings.posting.Workplace;

/**
 * The body of {@code PUT /api/v1/postings/{externalId}} as documented; the body is read and checked by
 * {@link PostingParser}, which rejects any other property by name.
 */
@Schema(description = "A posting as a partner sends it. Unknown properties are rejected.",
        requiredProperties = {"title", "location", "workplace", "employmentType", "validThrough"})
record PostingRequest(
        @Schema(description = "optional; if present must equal the path (required in batch lines)") String externalId,
        @Schema(maxLength = 200) String title,
        @Schema(maxLength = 20_000, nullable = true) String description,
        @Schema(description = "ISCO-08 code (1-4 digits) or ESCO URI; matching derives it from the title when absent",
                nullable = true) String occupation,
        @Schema(maxLength = 50, description = "at most 50; each needs a label or an escoUri") List<Skill> skills,
        Location location,
        Workplace workplace,
        EmploymentType employmentType,
        @Schema(nullable = true, description = "min <= max, ISO 4217 currency") Salary salary,
        @Schema(minimum = "1", maximum = "10000", defaultValue = "1") Integer vacancies,
        @Schema(nullable = true) Education education,
        @Schema(minimum = "0", nullable = true) Double minExperienceYears,
        List<TargetGroup> targetGroups,
        List<Accommodation> accommodations,
        @Schema(description = "codes of existing campaigns") List<String> campaignCodes,
        @Schema(format = "date-time", description = "in the future and within one year") String validThrough,
        @Schema(description = "language tags, e.g. zh, en") List<String> languages,
        @Schema(description = "licences or certificates a candidate must hold, by name (up to 20, each up to 100 "
                + "characters), e.g. forklift licence") List<String> requiredLicences,
        @Schema(nullable = true, description = "who offers the job, {name} (up to 200 characters); optional, and "
                + "helps matching tell one vacancy published by several boards (same employer) from two") Employer employer) {
}
