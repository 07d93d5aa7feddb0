package org.doorstep.seekers.seeker.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.doorstep.seekers.seeker.NotificationPreferences;
import org.doorstep.seekers.seeker.NotificationPreferences.Channel;
import org.doorstep.seekers.seeker.NotificationPreferences.DigestMode;
import org.doorstep.seekers.seeker.Profile;
import org.doorstep.seekers.seeker.Profile.AccommodationNeed;
import org.doorstep.seekers.seeker.Profile.EmploymentType;
import org.doorstep.seekers.seeker.Profile.KeyGroup;

/**
 * The profile that POST and PUT send and a merge patch results in, and its OpenAPI schema: every rule is declared
 * here, for Jackson ({@link StrictBinding}: JSON types strictly, unknown members refused by name at any depth) and
 * for Bean Validation. {@code null} or absent means "not given". The read-only members of GET are ignored, so that
 * a client can send back what it read.
 */
@JsonIgnoreProperties({"seekerId", "version", "createdAt", "updatedAt", "consentRecords"})
record ProfileRequest(
        @PlainText @Size(max = 100, message = CHARS) String displayName,
        @Valid ContactRequest contact,
        @Valid LocationRequest location,
        @Min(value = 0, message = DISTANCE) @Max(value = 20_000, message = DISTANCE) Double maxDistanceKm,
        Boolean remoteOk,
        @Size(max = 20, message = ITEMS) @Distinct
        List<@NotNull(message = NOT_NULL) @PlainText @Size(max = 200, message = CHARS) String> desiredOccupations,
        @Size(max = 100, message = ITEMS) @Distinct List<@NotNull(message = NOT_NULL) @Valid SkillRequest> skills,
        Profile.Education education,
        @Min(value = 0, message = YEARS) @Max(value = 80, message = YEARS) Double experienceYears,
        @Valid SalaryRequest salaryExpectation,
        @Size(max = 5, message = ITEMS) @Distinct List<@NotNull(message = NOT_NULL) EmploymentType> employmentTypes,
        @Size(max = 20, message = ITEMS) @Distinct List<@NotNull(message = NOT_NULL) @PlainText
                @Size(max = 35, message = CHARS) @Pattern(regexp = LANGUAGE, message = MATCH) String> languages,
        @Size(max = 20, message = ITEMS) @Distinct
        List<@NotNull(message = NOT_NULL) @PlainText @Size(max = 100, message = CHARS) String> licences,
        @Size(max = 6, message = ITEMS) @Distinct List<@NotNull(message = NOT_NULL) KeyGroup> keyGroups,
        @Size(max = 6, message = ITEMS) @Distinct List<@NotNull(message = NOT_NULL) AccommodationNeed> accommodationNeeds,
        ConsentRequest consent,
        @Valid NotificationsRequest notifications) {

    static final String CHARS = "must be at most {max} characters";
    static final String ITEMS = "must have at most {max} items";
    static final String MATCH = "must match {regexp}";
    static final String REQUIRED = "is required";
    static final String DISTANCE = "must be between 0 and 20000";
    static final String YEARS = "must be between 0 and 80";
    static final String LATITUDE = "must be between -90 and 90";
    static final String LONGITUDE = "must be between -180 and 180";
    static final String SALARY = "must be between 0 and 1000000000";
    static final String PER_DAY = "must be between 0 and 1000";
    static final String SCORE = "must be between 0 and 1";
    static final String NOT_NULL = "must not be null";
    static final String LANGUAGE = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";
    static final String LOCAL_TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /** The valid request as the domain's profile; what was not given takes its default. */
    Profile toProfile() {
        return new Profile(displayName, contact == null || contact.email == null && contact.phone == null ? null
                : new Profile.Contact(contact.email, contact.phone),
                location == null ? null : new Profile.Location(location.lat, location.lon, location.regionCode),
                maxDistanceKm, Boolean.TRUE.equals(remoteOk), desiredOccupations,
                skills == null ? null : skills.stream().map(s -> new Profile.Skill(s.label, s.escoUri, s.level)).toList(),
                education, experienceYears, salaryExpectation == null ? null : new Profile.SalaryExpectation(
                        salaryExpectation.min, salaryExpectation.currency, salaryExpectation.period),
                employmentTypes, languages, licences, keyGroups, accommodationNeeds, consent == null ? null
                        : new Profile.ConsentChoices(Boolean.TRUE.equals(consent.keyGroups),
                        Boolean.TRUE.equals(consent.shareWithPartners)),
                notifications == null ? null : notifications.toPreferences());
    }

    record ContactRequest(
            @PlainText @Size(max = 254, message = CHARS)
            @Pattern(regexp = "^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$", message = MATCH) String email,
            @PlainText @Size(max = 25, message = CHARS)
            @Pattern(regexp = "^\\+?[0-9][0-9 ()-]{4,24}$", message = MATCH) String phone) {
    }

    record LocationRequest(
            @NotNull(message = REQUIRED) @Min(value = -90, message = LATITUDE) @Max(value = 90, message = LATITUDE) Double lat,
            @NotNull(message = REQUIRED) @Min(value = -180, message = LONGITUDE) @Max(value = 180, message = LONGITUDE) Double lon,
            @PlainText @Size(max = 20, message = CHARS)
            @Pattern(regexp = "^[0-9A-Za-z-]{1,20}$", message = MATCH) String regionCode) {
    }

    /** Matching finds a skill by its ESCO URI or else by its label: a skill needs one of them. */
    record SkillRequest(
            @PlainText @Size(max = 100, message = CHARS) String label,
            @PlainText @Size(max = 300, message = CHARS)
            @Pattern(regexp = "^https?://[^\\s]{1,300}$", message = MATCH) String escoUri,
            Profile.SkillLevel level) implements CrossFieldRules {

        @Override
        public Map<String, String> broken() {
            return label == null && escoUri == null ? Map.of("", "needs a label or an escoUri") : Map.of();
        }
    }

    record SalaryRequest(
            @NotNull(message = REQUIRED) @Min(value = 0, message = SALARY) @Max(value = 1_000_000_000, message = SALARY) Double min,
            @NotNull(message = REQUIRED) @PlainText @Size(max = 3, message = CHARS)
            @Pattern(regexp = "^[A-Z]{3}$", message = MATCH) String currency,
            @NotNull(message = REQUIRED) Profile.SalaryPeriod period) {
    }

    record ConsentRequest(Boolean keyGroups, Boolean shareWithPartners) {
    }

    record NotificationsRequest(
            @Size(max = 3, message = ITEMS) @Distinct List<@NotNull(message = NOT_NULL) Channel> channels,
            @Valid QuietHoursRequest quietHours,
            @Min(value = 0, message = PER_DAY) @Max(value = 1000, message = PER_DAY) Integer maxPerDay,
            @Valid DigestRequest digest,
            @Min(value = 0, message = SCORE) @Max(value = 1, message = SCORE) Double minScore,
            @PlainText @Size(max = 4096, message = CHARS) String pushToken) implements CrossFieldRules {

        /** A push needs the device's token, and a seeker told on no channel at all would never hear of a match. */
        @Override
        public Map<String, String> broken() {
            if (channels != null && channels.isEmpty()) {
                return Map.of("channels", "must name at least one of STREAM, PUSH, INBOX (omit it for the default)");
            }
            return channels != null && channels.contains(Channel.PUSH) && pushToken == null
                    ? Map.of("pushToken", "is required with the channel PUSH") : Map.of();
        }

        NotificationPreferences toPreferences() {
            return new NotificationPreferences(channels, quietHours == null ? null
                    : new NotificationPreferences.QuietHours(quietHours.start, quietHours.end, quietHours.zone), maxPerDay,
                    digest == null || digest.mode == DigestMode.NONE ? null
                            : new NotificationPreferences.Digest(digest.mode, digest.at, digest.zone),
                    minScore == null ? NotificationPreferences.DEFAULT.minScore() : minScore, pushToken);
        }
    }

    /** Quiet hours may wrap midnight (22:00 to 07:00); ending when they start, they would mean all day or never. */
    record QuietHoursRequest(
            @NotNull(message = REQUIRED) @PlainText @Size(max = 5, message = CHARS)
            @Pattern(regexp = LOCAL_TIME, message = MATCH) String start,
            @NotNull(message = REQUIRED) @PlainText @Size(max = 5, message = CHARS)
            @Pattern(regexp = LOCAL_TIME, message = MATCH) String end,
            @NotNull(message = REQUIRED) @PlainText @Size(max = 64, message = CHARS) @TimeZoneId String zone)
            implements CrossFieldRules {

        @Override
        public Map<String, String> broken() {
            return start != null && start.equals(end) ? Map.of("end", "must differ from start") : Map.of();
        }
    }

    /** A daily digest needs its time and zone; no other mode takes them, or the seeker would expect a digest. */
    record DigestRequest(
            @NotNull(message = REQUIRED) DigestMode mode,
            @PlainText @Size(max = 5, message = CHARS) @Pattern(regexp = LOCAL_TIME, message = MATCH) String at,
            @PlainText @Size(max = 64, message = CHARS) @TimeZoneId String zone) implements CrossFieldRules {

        @Override
        public Map<String, String> broken() {
            Map<String, String> broken = new HashMap<>();
            Map.of("at", at == null, "zone", zone == null).forEach((member, absent) -> {
                if (mode == DigestMode.DAILY && absent) {
                    broken.put(member, REQUIRED);
                } else if (mode == DigestMode.NONE && !absent) {
                    broken.put(member, "only with mode DAILY");
                }
            });
            return broken;
        }
    }

    // The rules that Bean Validation has no constraint for.

    /**
     * Text a person gives, where given: not blank (strings arrive stripped, so blank is empty) and free of control
     * characters and of the invisible format characters that reorder or hide text (bidi controls, zero-width spaces,
     * line separators; the joiners U+200C and U+200D stay, which Persian and Indic names use), which would travel on
     * into logs, notifications and other people's screens.
     */
    @Size(min = 1, message = "must not be blank")
    @Pattern(regexp = "[^\\x00-\\x1F\\x7F-\\x9F]*", message = "must not contain control characters")
    @Pattern(regexp = "[^\\u00AD\\u061C\\u200B\\u200E\\u200F\\u2028-\\u202E\\u2060-\\u206F\\uFEFF\\uFFF9-\\uFFFB]*",
            message = "must not contain invisible format characters (bidi controls such as U+202E, line separators)")
    @Constraint(validatedBy = {})
    @Target({FIELD, TYPE_USE})
    @Retention(RUNTIME)
    @interface PlainText {
        String message() default "";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    /**
     * An IANA region ({@code Asia/Shanghai}): notification-service keeps quiet hours and digests in the seeker's local
     * time, which a region follows through daylight saving time and an offset ({@code GMT+8}) does not.
     */
    @Constraint(validatedBy = TimeZoneId.Check.class)
    @Target(FIELD)
    @Retention(RUNTIME)
    @interface TimeZoneId {
        String message() default "must be an IANA time zone such as Asia/Shanghai";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<TimeZoneId, String> {
            private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

            @Override
            public boolean isValid(String zone, ConstraintValidatorContext context) {
                return zone == null || ZONES.contains(zone);
            }
        }
    }

    /** No item twice: a profile's lists are sets. Each repeat is named by its index, for the app to point at. */
    @Constraint(validatedBy = Distinct.Check.class)
    @Target(FIELD)
    @Retention(RUNTIME)
    @interface Distinct {
        String message() default "duplicate value";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<Distinct, List<?>> {
            @Override
            public boolean isValid(List<?> items, ConstraintValidatorContext context) {
                Set<Object> seen = new HashSet<>();
                boolean distinct = true;
                context.disableDefaultConstraintViolation();
                for (int i = 0; items != null && i < items.size(); i++) {
                    if (items.get(i) != null && !seen.add(items.get(i))) {
                        distinct = false;
                        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                                .addBeanNode().inIterable().atIndex(i).addConstraintViolation();
                    }
                }
                return distinct;
            }
        }
    }
}
