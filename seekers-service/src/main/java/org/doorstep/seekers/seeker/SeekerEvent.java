package org.doorstep.seekers.seeker;

import java.time.Instant;
import java.util.List;

/** What happened to a seeker; the aggregate decides which of these a change produces. */
public sealed interface SeekerEvent {

    String seekerId();

    /** What matching needs of the profile changed (never a name or contact). */
    record SeekerUpserted(String seekerId, long version, Profile.Location location, Double maxDistanceKm,
                          boolean remoteOk, List<String> desiredOccupations, List<Profile.Skill> skills,
                          Profile.Education education, Double experienceYears,
                          Profile.SalaryExpectation salaryExpectation, List<Profile.EmploymentType> employmentTypes,
                          List<String> languages, List<Profile.KeyGroup> keyGroups,
                          List<Profile.AccommodationNeed> accommodationNeeds, Instant updatedAt,
                          List<String> licences) implements SeekerEvent {
    }

    /** Notification preferences or the consent to share with partners changed. */
    record PreferencesChanged(String seekerId, long version, NotificationPreferences notifications,
                              boolean shareWithPartners, Instant updatedAt) implements SeekerEvent {
    }

    /** The seeker erased themselves. */
    record SeekerErased(String seekerId, Instant erasedAt) implements SeekerEvent {
    }
}
