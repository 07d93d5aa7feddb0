package org.doorstep.postings.posting.web;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.doorstep.postings.posting.Accommodation;
import org.doorstep.postings.posting.Education;
import org.doorstep.postings.posting.Employer;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.Salary;
import org.doorstep.postings.posting.SalaryPeriod;
import org.doorstep.postings.posting.Skill;
import org.doorstep.postings.posting.TargetGroup;
import org.doorstep.postings.posting.Workplace;
import org.doorstep.postings.posting.web.PostingConstraints.Currency;
import org.doorstep.postings.posting.web.PostingConstraints.ExternalId;
import org.doorstep.postings.posting.web.PostingConstraints.Licence;
import org.doorstep.postings.posting.web.PostingConstraints.Text;
import org.doorstep.postings.posting.web.PostingConstraints.ValidThrough;

/**
 * A posting as a partner sends it (the body of PUT, and each line of the NDJSON batch), and its OpenAPI schema:
 * every rule of DESIGN 5 is declared here, for Jackson ({@link StrictBinding}: JSON types strictly, unknown and
 * read-only members refused by name at any depth) and for Bean Validation ({@link PostingConstraints} for the rules
 * it has no constraint for). {@code null} or absent means "not given"; a list not given is empty.
 */
@Schema(description = "A posting as a partner sends it. Unknown properties are rejected.",
        requiredProperties = {"title", "location", "workplace", "employmentType", "validThrough"})
record PostingRequest(
        @Schema(description = "optional; if present must equal the path (required in batch lines)") @ExternalId
        String externalId,
        @Schema(maxLength = 200) @NotNull(message = REQUIRED) @Text(max = 200) String title,
        @Schema(maxLength = 20_000, nullable = true) @Text(max = 20_000, lines = true) String description,
        @Schema(description = "ISCO-08 code (1-4 digits) or ESCO URI; matching derives it from the title when absent",
                nullable = true, maxLength = 300)
        @Text(max = 300, pattern = OCCUPATION, mismatch = "must be an ISCO-08 code (1 to 4 digits) or an ESCO URI")
        String occupation,
        @Schema(description = "each needs a label or an escoUri")
        @Size(max = 50, message = ITEMS) List<@NotNull(message = NOT_NULL) @Valid SkillRequest> skills,
        @NotNull(message = REQUIRED) @Valid LocationRequest location,
        @NotNull(message = REQUIRED) Workplace workplace,
        @NotNull(message = REQUIRED) EmploymentType employmentType,
        @Schema(nullable = true, description = "min <= max, ISO 4217 currency") @Valid SalaryRequest salary,
        @Schema(defaultValue = "1")
        @Min(value = 1, message = VACANCIES) @Max(value = 10_000, message = VACANCIES) Integer vacancies,
        @Schema(nullable = true) Education education,
        @Schema(nullable = true)
        @Min(value = 0, message = EXPERIENCE) @Max(value = 80, message = EXPERIENCE) Double minExperienceYears,
        @Size(max = 20, message = ITEMS) List<@NotNull(message = NOT_NULL) TargetGroup> targetGroups,
        @Size(max = 20, message = ITEMS) List<@NotNull(message = NOT_NULL) Accommodation> accommodations,
        @Schema(description = "codes of existing campaigns") @Size(max = 20, message = ITEMS)
        List<@NotNull(message = NOT_NULL) @Pattern(regexp = CAMPAIGN,
                message = "must be a campaign code (letters, digits, '-', '_')") String> campaignCodes,
        @Schema(format = "date-time", description = "in the future and within one year")
        @NotNull(message = REQUIRED) @ValidThrough String validThrough,
        @Schema(description = "language tags, e.g. zh, en") @Size(max = 20, message = ITEMS)
        List<@NotNull(message = NOT_NULL) @Pattern(regexp = LANGUAGE,
                message = "must be a language tag such as 'zh' or 'en-GB'") String> languages,
        @Schema(description = "licences or certificates a candidate must hold, by name (each up to 100 characters), "
                + "e.g. forklift licence")
        @Size(max = 20, message = ITEMS) List<@NotNull(message = NOT_NULL) @Licence String> requiredLicences,
        @Schema(nullable = true, description = "who offers the job; optional, and helps matching tell one vacancy "
                + "published by several boards (same employer) from two") @Valid EmployerRequest employer) {

    static final String REQUIRED = "is required";
    static final String NOT_NULL = "must not be null";
    static final String ITEMS = "must have at most {max} items";
    static final String VACANCIES = "must be between 1 and 10000";
    static final String EXPERIENCE = "must be between 0 and 80";
    static final String LATITUDE = "must be between -90 and 90";
    static final String LONGITUDE = "must be between -180 and 180";
    static final String SALARY = "must be between 0 and 1000000000000";
    static final String URI = "https?://[^\\s]{1,300}";
    static final String OCCUPATION = "\\d{1,4}|" + URI;
    static final String CAMPAIGN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
    static final String LANGUAGE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}";
    private static final java.util.regex.Pattern CAMPAIGN_CODE = java.util.regex.Pattern.compile(CAMPAIGN);

    /** The same posting with the id of the path, which the body may leave out. */
    PostingRequest withExternalId(String id) {
        return new PostingRequest(id, title, description, occupation, skills, location, workplace, employmentType,
                salary, vacancies, education, minExperienceYears, targetGroups, accommodations, campaignCodes,
                validThrough, languages, requiredLicences, employer);
    }

    /** The campaign codes to look up: those that are codes at all, each once (none of a list over its size). */
    List<String> campaignCodesToCheck() {
        return campaignCodes == null || campaignCodes.size() > 20 ? List.of() : distinct(campaignCodes.stream()
                .filter(code -> code != null && CAMPAIGN_CODE.matcher(code).matches()).toList(), Function.identity());
    }

    /** The valid request as the domain's content: lists are sets (a repeat is dropped), one vacancy by default. */
    PostingContent toContent() {
        return new PostingContent(title, description, occupation, distinct(skills, SkillRequest::toSkill),
                new Location(location.lat, location.lon, location.regionCode, location.address), workplace,
                employmentType, salary == null ? null
                        : new Salary(salary.min, salary.max, salary.currency, salary.period),
                vacancies == null ? 1 : vacancies, education, minExperienceYears,
                distinct(targetGroups, Function.identity()), distinct(accommodations, Function.identity()),
                distinct(campaignCodes, Function.identity()),
                OffsetDateTime.parse(validThrough).toInstant().truncatedTo(ChronoUnit.MILLIS),
                distinct(languages, Function.identity()), distinct(requiredLicences, String::strip),
                employer == null ? null : new Employer(employer.name.strip()));
    }

    private static <T, R> List<R> distinct(List<T> items, Function<T, R> map) {
        return items == null ? List.of() : List.copyOf(new LinkedHashSet<>(items.stream().map(map).toList()));
    }

    /** Matching finds a skill by its ESCO URI or else by its label: a skill needs one of them. */
    record SkillRequest(
            @Schema(maxLength = 100) @Text(max = 100) String label,
            @Schema(maxLength = 300) @Text(max = 300, pattern = URI, mismatch = "must be an http(s) URI") String escoUri,
            Boolean required) implements CrossFieldRules {

        @Override
        public Map<String, String> broken() {
            return label == null && escoUri == null ? Map.of("", "needs a label or an escoUri") : Map.of();
        }

        Skill toSkill() {
            return new Skill(label, escoUri, Boolean.TRUE.equals(required));
        }
    }

    record LocationRequest(
            @NotNull(message = REQUIRED) @Min(value = -90, message = LATITUDE) @Max(value = 90, message = LATITUDE)
            Double lat,
            @NotNull(message = REQUIRED) @Min(value = -180, message = LONGITUDE) @Max(value = 180, message = LONGITUDE)
            Double lon,
            @Schema(maxLength = 20)
            @Text(max = 20, pattern = "[A-Za-z0-9-]{1,20}", mismatch = "must be letters, digits or '-'")
            String regionCode,
            @Schema(maxLength = 500) @Text(max = 500) String address) {
    }

    /** A salary range: min and max in the currency's units per period. */
    record SalaryRequest(
            @NotNull(message = REQUIRED) @Min(value = 0, message = SALARY)
            @Max(value = 1_000_000_000_000L, message = SALARY) Double min,
            @NotNull(message = REQUIRED) @Min(value = 0, message = SALARY)
            @Max(value = 1_000_000_000_000L, message = SALARY) Double max,
            @Schema(description = "ISO 4217, e.g. CNY") @NotNull(message = REQUIRED) @Text(max = 3) @Currency
            String currency,
            @NotNull(message = REQUIRED) SalaryPeriod period) implements CrossFieldRules {

        @Override
        public Map<String, String> broken() {
            return min != null && max != null && min > max
                    ? Map.of("min", "must not be greater than salary.max") : Map.of();
        }
    }

    /** Who offers the job, as the partner names it. */
    record EmployerRequest(@Schema(maxLength = 200) @NotNull(message = REQUIRED) @Text(max = 200) String name) {
    }
}
