package org.doorstep.seekers.seeker.messaging;

import java.util.List;
import java.util.UUID;

import org.doorstep.seekers.outbox.OutboxMessage;
import org.doorstep.seekers.seeker.NotificationPreferences;
import org.doorstep.seekers.seeker.Profile;
import org.doorstep.seekers.seeker.SeekerEvent;
import org.doorstep.seekers.seeker.SeekerEvent.PreferencesChanged;
import org.doorstep.seekers.seeker.SeekerEvent.SeekerErased;
import org.doorstep.seekers.seeker.SeekerEvent.SeekerUpserted;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns seeker events into the records of the wire contract ({@code contracts/schemas/org.doorstep.seeker.*}):
 * topics, keys, CloudEvents types and JSON. Erasure becomes {@code seeker.erased} then a tombstone on both topics.
 */
@Component
public class SeekerEventMessages {

    public static final String SEEKERS_TOPIC = "doorstep.seekers.v1";
    public static final String PREFERENCES_TOPIC = "doorstep.seeker-preferences.v1";
    public static final String APPLICATIONS_TOPIC = "doorstep.applications.v1";
    public static final String UPSERTED = "org.doorstep.seeker.upserted.v1";
    public static final String PREFERENCES = "org.doorstep.seeker.preferences.v1";
    public static final String ERASED = "org.doorstep.seeker.erased.v1";

    private final JsonMapper json = JsonMapper.builder().build();

    public List<OutboxMessage> messages(SeekerEvent event) {
        return switch (event) {
            case SeekerUpserted e -> List.of(message(UPSERTED, SEEKERS_TOPIC, e.seekerId(), e.updatedAt(), upserted(e)));
            case PreferencesChanged e ->
                    List.of(message(PREFERENCES, PREFERENCES_TOPIC, e.seekerId(), e.updatedAt(), preferences(e)));
            case SeekerErased e -> {
                ErasedV1 data = new ErasedV1(e.seekerId(), e.erasedAt().toString());
                yield List.of(
                        message(ERASED, SEEKERS_TOPIC, e.seekerId(), e.erasedAt(), data),
                        new OutboxMessage(UUID.randomUUID().toString(), null, SEEKERS_TOPIC, e.seekerId(), e.erasedAt(), null),
                        message(ERASED, PREFERENCES_TOPIC, e.seekerId(), e.erasedAt(), data),
                        new OutboxMessage(UUID.randomUUID().toString(), null, PREFERENCES_TOPIC, e.seekerId(), e.erasedAt(), null));
            }
        };
    }

    /** The tombstone of an erased seeker's application packet ({@code doorstep.applications.v1}, keyed by applicationId). */
    public OutboxMessage applicationTombstone(String applicationId, java.time.Instant at) {
        return new OutboxMessage(UUID.randomUUID().toString(), null, APPLICATIONS_TOPIC, applicationId, at, null);
    }

    private OutboxMessage message(String type, String topic, String key, java.time.Instant time, Object data) {
        return new OutboxMessage(UUID.randomUUID().toString(), type, topic, key, time, json.writeValueAsString(data));
    }

    private static UpsertedV1 upserted(SeekerUpserted e) {
        Profile.Location l = e.location();
        Profile.SalaryExpectation s = e.salaryExpectation();
        return new UpsertedV1(e.seekerId(), e.version(),
                l == null ? null : new LocationV1(l.lat(), l.lon(), l.regionCode()),
                e.maxDistanceKm(), e.remoteOk(), e.desiredOccupations(),
                e.skills().stream().map(k -> new SkillV1(k.label(), k.escoUri(), k.level() == null ? null : k.level().name())).toList(),
                e.education() == null ? null : e.education().name(), e.experienceYears(),
                s == null ? null : new SalaryV1(s.min(), s.currency(), s.period().name()),
                e.employmentTypes().stream().map(Enum::name).toList(), e.languages(),
                e.keyGroups().stream().map(Enum::name).toList(),
                e.accommodationNeeds().stream().map(Enum::name).toList(), e.updatedAt().toString(), e.licences());
    }

    private static PreferencesV1 preferences(PreferencesChanged e) {
        NotificationPreferences n = e.notifications();
        NotificationPreferences.QuietHours q = n.quietHours();
        NotificationPreferences.Digest d = n.digest();
        return new PreferencesV1(e.seekerId(), e.version(), n.channels().stream().map(Enum::name).toList(),
                q == null ? null : new QuietHoursV1(q.start(), q.end(), q.zone()), n.maxPerDay(),
                new DigestV1(d.mode().name(), d.at(), d.zone()), n.minScore(), e.shareWithPartners(), n.pushToken(),
                e.updatedAt().toString());
    }

    record UpsertedV1(String seekerId, long version, LocationV1 location, Double maxDistanceKm, boolean remoteOk,
                      List<String> desiredOccupations, List<SkillV1> skills, String education, Double experienceYears,
                      SalaryV1 salaryExpectation, List<String> employmentTypes, List<String> languages,
                      List<String> keyGroups, List<String> accommodationNeeds, String updatedAt,
                      List<String> licences) {
    }

    record LocationV1(double lat, double lon, String regionCode) {
    }

    record SkillV1(String label, String escoUri, String level) {
    }

    record SalaryV1(double min, String currency, String period) {
    }

    record PreferencesV1(String seekerId, long version, List<String> channels, QuietHoursV1 quietHours,
                         Integer maxPerDay, DigestV1 digest, double minScore, boolean shareWithPartners,
                         String pushToken, String updatedAt) {
    }

    record QuietHoursV1(String start, String end, String zone) {
    }

    record DigestV1(String mode, String at, String zone) {
    }

    record ErasedV1(String seekerId, String erasedAt) {
    }
}
