package org.doorstep.seekers.seeker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.doorstep.seekers.seeker.ConsentRecord.ConsentPurpose;
import org.doorstep.seekers.seeker.Profile.AccommodationNeed;
import org.doorstep.seekers.seeker.Profile.ConsentChoices;
import org.doorstep.seekers.seeker.Profile.KeyGroup;
import org.doorstep.seekers.seeker.Profile.Location;
import org.doorstep.seekers.seeker.SeekerEvent.PreferencesChanged;
import org.doorstep.seekers.seeker.SeekerEvent.SeekerUpserted;
import org.junit.jupiter.api.Test;

class SeekerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T09:00:00Z");
    private static final Actor SELF = new Actor("s-1", "PUT /api/v1/seekers/me");

    private static Profile profile(String name, boolean keyGroupConsent, boolean share, double lat,
                                   NotificationPreferences notifications) {
        return new Profile(name, null, new Location(lat, 104.06, null), 10.0, false, List.of("2512"), List.of(),
                null, 2.0, null, List.of(), List.of("zh"), List.of(), List.of(KeyGroup.DISABLED),
                List.of(AccommodationNeed.WHEELCHAIR_ACCESS), new ConsentChoices(keyGroupConsent, share), notifications);
    }

    private static Profile profile(boolean keyGroupConsent) {
        return profile("Li", keyGroupConsent, false, 30.0, null);
    }

    @Test
    void registrationPublishesBothViewsAndRecordsTheConsentGiven() {
        Seeker.Change change = Seeker.register("s-1", profile(true), new Actor("s-1", "POST /api/v1/seekers"), T0);

        assertThat(change.events()).hasExactlyElementsOfTypes(SeekerUpserted.class, PreferencesChanged.class);
        assertThat(((SeekerUpserted) change.events().getFirst()).keyGroups()).containsExactly(KeyGroup.DISABLED);
        assertThat(change.seeker().consentRecords()).singleElement().satisfies(r -> {
            assertThat(r.purpose()).isEqualTo(ConsentPurpose.KEY_GROUPS);
            assertThat(r.given()).isTrue();
            assertThat(r.by()).isEqualTo("s-1");
            assertThat(r.at()).isEqualTo(T0);
        });
    }

    @Test
    void keyGroupsAndAccommodationNeedsWithoutConsentAreNotKept() {
        Seeker seeker = Seeker.register("s-1", profile(false), SELF, T0).seeker();

        assertThat(seeker.profile().keyGroups()).isEmpty();
        assertThat(seeker.profile().accommodationNeeds()).isEmpty();
        assertThat(seeker.upserted().keyGroups()).isEmpty();
    }

    @Test
    void anUnchangedProfileChangesNothing() {
        Seeker seeker = Seeker.register("s-1", profile(true), SELF, T0).seeker();

        Seeker.Change change = seeker.replaceProfile(profile(true), SELF, T1);

        assertThat(change.changed()).isFalse();
        assertThat(change.events()).isEmpty();
        assertThat(change.seeker()).isSameAs(seeker);
    }

    @Test
    void aNameChangeIsStoredButConcernsNoConsumer() {
        Seeker seeker = Seeker.register("s-1", profile(true), SELF, T0).seeker();

        Seeker.Change change = seeker.replaceProfile(profile("Wei", true, false, 30.0, null), SELF, T1);

        assertThat(change.changed()).isTrue();
        assertThat(change.seeker().version()).isEqualTo(2);
        assertThat(change.events()).isEmpty();
    }

    @Test
    void withdrawingConsentRemovesTheSensitiveFieldsRepublishesAndIsRecorded() {
        Seeker seeker = Seeker.register("s-1", profile(true), SELF, T0).seeker();

        Seeker.Change change = seeker.replaceProfile(profile(false), SELF, T1);

        assertThat(change.events()).singleElement().isInstanceOfSatisfying(SeekerUpserted.class, e -> {
            assertThat(e.keyGroups()).isEmpty();
            assertThat(e.accommodationNeeds()).isEmpty();
            assertThat(e.version()).isEqualTo(2);
        });
        assertThat(change.seeker().consentRecords()).last().satisfies(r -> {
            assertThat(r.given()).isFalse();
            assertThat(r.at()).isEqualTo(T1);
            assertThat(r.via()).isEqualTo("PUT /api/v1/seekers/me");
        });
    }

    @Test
    void aPreferencesChangeConcernsOnlyNotification() {
        Seeker seeker = Seeker.register("s-1", profile(true), SELF, T0).seeker();
        NotificationPreferences quieter = new NotificationPreferences(List.of(NotificationPreferences.Channel.INBOX),
                null, 3, null, 0.7, null);

        Seeker.Change change = seeker.replaceProfile(profile("Li", true, true, 30.0, quieter), SELF, T1);

        assertThat(change.events()).singleElement().isInstanceOfSatisfying(PreferencesChanged.class, e -> {
            assertThat(e.shareWithPartners()).isTrue();
            assertThat(e.notifications().maxPerDay()).isEqualTo(3);
        });
        assertThat(change.seeker().consentRecords()).last()
                .satisfies(r -> assertThat(r.purpose()).isEqualTo(ConsentPurpose.SHARE_WITH_PARTNERS));
    }

    @Test
    void aMoveConcernsOnlyMatching() {
        Seeker seeker = Seeker.register("s-1", profile(true), SELF, T0).seeker();

        Seeker.Change change = seeker.replaceProfile(profile("Li", true, false, 31.0, null), SELF, T1);

        assertThat(change.events()).singleElement().isInstanceOf(SeekerUpserted.class);
    }
}
