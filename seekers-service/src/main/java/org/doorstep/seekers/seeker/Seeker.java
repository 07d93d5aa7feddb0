package org.doorstep.seekers.seeker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.doorstep.seekers.seeker.ConsentRecord.ConsentPurpose;
import org.doorstep.seekers.seeker.SeekerEvent.PreferencesChanged;
import org.doorstep.seekers.seeker.SeekerEvent.SeekerErased;
import org.doorstep.seekers.seeker.SeekerEvent.SeekerUpserted;

/**
 * A job seeker's profile with its consent records. Decides which events a change produces: none for an
 * unchanged profile, {@code SeekerUpserted} when what matching sees changed, {@code PreferencesChanged}
 * when what notification sees changed.
 */
public record Seeker(String id, long version, Profile profile, List<ConsentRecord> consentRecords,
                     Instant createdAt, Instant updatedAt) {

    public Seeker {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        consentRecords = List.copyOf(consentRecords == null ? List.of() : consentRecords);
    }

    /** The result of a command: the seeker afterwards and the events it produced (possibly none). */
    public record Change(Seeker seeker, boolean changed, List<SeekerEvent> events) {
        public Change {
            events = List.copyOf(events);
        }
    }

    public static Change register(String id, Profile requested, Actor actor, Instant now) {
        Profile profile = requested.withoutSensitiveDataUnlessConsented();
        List<ConsentRecord> records = new ArrayList<>();
        if (profile.consent().keyGroups()) {
            records.add(new ConsentRecord(ConsentPurpose.KEY_GROUPS, true, actor.subject(), now, actor.via()));
        }
        if (profile.consent().shareWithPartners()) {
            records.add(new ConsentRecord(ConsentPurpose.SHARE_WITH_PARTNERS, true, actor.subject(), now, actor.via()));
        }
        Seeker seeker = new Seeker(id, 1, profile, records, now, now);
        return new Change(seeker, true, List.of(seeker.upserted(), seeker.preferences()));
    }

    /** Replaces the whole profile (PUT, and PATCH after merging). Unchanged input changes nothing. */
    public Change replaceProfile(Profile requested, Actor actor, Instant now) {
        Profile next = requested.withoutSensitiveDataUnlessConsented();
        if (next.equals(profile)) {
            return new Change(this, false, List.of());
        }
        List<ConsentRecord> records = new ArrayList<>(consentRecords);
        if (next.consent().keyGroups() != profile.consent().keyGroups()) {
            records.add(new ConsentRecord(ConsentPurpose.KEY_GROUPS, next.consent().keyGroups(), actor.subject(), now,
                    actor.via()));
        }
        if (next.consent().shareWithPartners() != profile.consent().shareWithPartners()) {
            records.add(new ConsentRecord(ConsentPurpose.SHARE_WITH_PARTNERS, next.consent().shareWithPartners(),
                    actor.subject(), now, actor.via()));
        }
        Seeker after = new Seeker(id, version + 1, next, records, createdAt, now);
        List<SeekerEvent> events = new ArrayList<>();
        if (!matchingView(after.profile).equals(matchingView(profile))) {
            events.add(after.upserted());
        }
        if (!preferencesView(after.profile).equals(preferencesView(profile))) {
            events.add(after.preferences());
        }
        return new Change(after, true, events);
    }

    public SeekerErased erase(Instant now) {
        return new SeekerErased(id, now);
    }

    SeekerUpserted upserted() {
        Profile p = profile;
        return new SeekerUpserted(id, version, p.location(), p.maxDistanceKm(), p.remoteOk(), p.desiredOccupations(),
                p.skills(), p.education(), p.experienceYears(), p.salaryExpectation(), p.employmentTypes(),
                p.languages(), p.keyGroups(), p.accommodationNeeds(), updatedAt, p.licences());
    }

    PreferencesChanged preferences() {
        return new PreferencesChanged(id, version, profile.notifications(), profile.consent().shareWithPartners(),
                updatedAt);
    }

    private static List<Object> matchingView(Profile p) {
        return java.util.Arrays.asList(p.location(), p.maxDistanceKm(), p.remoteOk(), p.desiredOccupations(),
                p.skills(), p.education(), p.experienceYears(), p.salaryExpectation(), p.employmentTypes(),
                p.languages(), p.licences(), p.keyGroups(), p.accommodationNeeds());
    }

    private static List<Object> preferencesView(Profile p) {
        return List.of(p.notifications(), p.consent().shareWithPartners());
    }
}
