package org.doorstep.seekers.seeker;

import java.util.List;

/**
 * What a seeker tells about themselves, after validation. The field names are those of the public API
 * (DESIGN 5). Lists are never null. {@code displayName} and {@code contact} never leave this service.
 */
public record Profile(
        String displayName,
        Contact contact,
        Location location,
        Double maxDistanceKm,
        boolean remoteOk,
        List<String> desiredOccupations,
        List<Skill> skills,
        Education education,
        Double experienceYears,
        SalaryExpectation salaryExpectation,
        List<EmploymentType> employmentTypes,
        List<String> languages,
        List<String> licences,
        List<KeyGroup> keyGroups,
        List<AccommodationNeed> accommodationNeeds,
        ConsentChoices consent,
        NotificationPreferences notifications) {

    public Profile {
        desiredOccupations = List.copyOf(desiredOccupations == null ? List.of() : desiredOccupations);
        skills = List.copyOf(skills == null ? List.of() : skills);
        employmentTypes = List.copyOf(employmentTypes == null ? List.of() : employmentTypes);
        languages = List.copyOf(languages == null ? List.of() : languages);
        licences = List.copyOf(licences == null ? List.of() : licences);
        keyGroups = List.copyOf(keyGroups == null ? List.of() : keyGroups);
        accommodationNeeds = List.copyOf(accommodationNeeds == null ? List.of() : accommodationNeeds);
        consent = consent == null ? ConsentChoices.NONE : consent;
        notifications = notifications == null ? NotificationPreferences.DEFAULT : notifications;
    }

    /** The sensitive fields are kept only while the seeker consents to their use. */
    Profile withoutSensitiveDataUnlessConsented() {
        if (consent.keyGroups()) {
            return this;
        }
        return new Profile(displayName, contact, location, maxDistanceKm, remoteOk, desiredOccupations, skills,
                education, experienceYears, salaryExpectation, employmentTypes, languages, licences, List.of(), List.of(),
                consent, notifications);
    }

    public record Contact(String email, String phone) {
    }

    public record Location(double lat, double lon, String regionCode) {
    }

    public record Skill(String label, String escoUri, SkillLevel level) {
    }

    public record SalaryExpectation(double min, String currency, SalaryPeriod period) {
    }

    /** The seeker's current choices; how and when each was given is in the seeker's consent records. */
    public record ConsentChoices(boolean keyGroups, boolean shareWithPartners) {
        public static final ConsentChoices NONE = new ConsentChoices(false, false);
    }

    public enum SkillLevel { BASIC, INTERMEDIATE, ADVANCED, EXPERT }

    public enum Education { NONE, PRIMARY, SECONDARY, VOCATIONAL, BACHELOR, MASTER, DOCTORATE }

    public enum SalaryPeriod { HOUR, DAY, WEEK, MONTH, YEAR }

    public enum EmploymentType { FULL_TIME, PART_TIME, TEMPORARY, INTERNSHIP, GIG }

    public enum KeyGroup { COLLEGE_GRADUATE, MIGRANT_WORKER, POVERTY_ALLEVIATED, EMPLOYMENT_DIFFICULTY, DISABLED, UNEMPLOYED }

    public enum AccommodationNeed {
        WHEELCHAIR_ACCESS, SIGN_LANGUAGE, FLEXIBLE_HOURS, ASSISTIVE_TECH, ACCESSIBLE_TRANSPORT, SCREEN_READER
    }
}
