package org.doorstep.postings.posting;

import java.time.Instant;
import java.util.List;

/**
 * What a partner says about a job: everything of a posting a partner can change. Two equal
 * contents mean "nothing changed", so a repeated PUT publishes nothing.
 */
public record PostingContent(
        String title,
        String description,
        String occupation,
        List<Skill> skills,
        Location location,
        Workplace workplace,
        EmploymentType employmentType,
        Salary salary,
        int vacancies,
        Education education,
        Double minExperienceYears,
        List<TargetGroup> targetGroups,
        List<Accommodation> accommodations,
        List<String> campaignCodes,
        Instant validThrough,
        List<String> languages,
        List<String> requiredLicences,
        Employer employer) {

    /** Content that requires no licences or certificates. */
    public PostingContent(String title, String description, String occupation, List<Skill> skills, Location location,
                          Workplace workplace, EmploymentType employmentType, Salary salary, int vacancies,
                          Education education, Double minExperienceYears, List<TargetGroup> targetGroups,
                          List<Accommodation> accommodations, List<String> campaignCodes, Instant validThrough,
                          List<String> languages) {
        this(title, description, occupation, skills, location, workplace, employmentType, salary, vacancies,
                education, minExperienceYears, targetGroups, accommodations, campaignCodes, validThrough, languages,
                List.of(), null);
    }

    /** Content that names no employer. */
    public PostingContent(String title, String description, String occupation, List<Skill> skills, Location location,
                          Workplace workplace, EmploymentType employmentType, Salary salary, int vacancies,
                          Education education, Double minExperienceYears, List<TargetGroup> targetGroups,
                          List<Accommodation> accommodations, List<String> campaignCodes, Instant validThrough,
                          List<String> languages, List<String> requiredLicences) {
        this(title, description, occupation, skills, location, workplace, employmentType, salary, vacancies,
                education, minExperienceYears, targetGroups, accommodations, campaignCodes, validThrough, languages,
                requiredLicences, null);
    }

    public PostingContent {
        skills = List.copyOf(skills);
        targetGroups = List.copyOf(targetGroups);
        accommodations = List.copyOf(accommodations);
        campaignCodes = List.copyOf(campaignCodes);
        languages = List.copyOf(languages);
        requiredLicences = List.copyOf(requiredLicences == null ? List.of() : requiredLicences);
    }
}
