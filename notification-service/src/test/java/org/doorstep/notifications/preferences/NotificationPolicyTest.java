package org.doorstep.notifications.preferences;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPolicyTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Preferences prefs(Preferences.QuietHours quiet, Integer maxPerDay, boolean digest, double minScore) {
        return new Preferences("s", 1, Set.of("STREAM"), quiet, maxPerDay,
                digest ? new Preferences.Digest(true, LocalTime.of(18, 0), SHANGHAI) : Preferences.Digest.NONE,
                minScore, false, null);
    }

    private static Instant at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void overnightQuietHoursHoldUntilTheMorningInTheSeekersZone() {
        var quiet = new Preferences.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), SHANGHAI);
        Preferences p = prefs(quiet, null, false, 0);
        assertThat(NotificationPolicy.decide(p, 0.9, at("2026-11-25T23:30"), 0))
                .isEqualTo(new NotificationPolicy.HoldUntil(at("2026-11-26T07:00")));
        assertThat(NotificationPolicy.decide(p, 0.9, at("2026-11-26T06:59"), 0))
                .isEqualTo(new NotificationPolicy.HoldUntil(at("2026-11-26T07:00")));
        assertThat(NotificationPolicy.decide(p, 0.9, at("2026-11-26T07:00"), 0)).isInstanceOf(NotificationPolicy.PushNow.class);
        assertThat(NotificationPolicy.decide(p, 0.9, at("2026-11-26T21:59"), 0)).isInstanceOf(NotificationPolicy.PushNow.class);
    }

    @Test
    void daytimeQuietHoursHoldUntilTheirEnd() {
        var quiet = new Preferences.QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), SHANGHAI);
        Preferences p = prefs(quiet, null, false, 0);
        assertThat(NotificationPolicy.decide(p, 0.9, at("2026-11-25T13:00"), 0))
                .isEqualTo(new NotificationPolicy.HoldUntil(at("2026-11-25T14:00")));
        assertThat(NotificationPolicy.decide(p, 0.9, at("2026-11-25T11:00"), 0)).isInstanceOf(NotificationPolicy.PushNow.class);
    }

    @Test
    void quietHoursThatEndInTheSkippedHourReleaseWhenTheClocksJump() {
        ZoneId berlin = ZoneId.of("Europe/Berlin"); // on 2026-03-29 the clocks jump from 02:00 to 03:00
        var quiet = new Preferences.QuietHours(LocalTime.of(3, 0), LocalTime.of(2, 0), berlin);
        Preferences p = prefs(quiet, null, false, 0);
        Instant beforeTheJump = Instant.parse("2026-03-29T00:30:00Z"); // 01:30 CET, quiet
        Instant theJump = Instant.parse("2026-03-29T01:00:00Z"); // 03:00 CEST: the free hour 02:00-03:00 is skipped
        assertThat(NotificationPolicy.decide(p, 0.9, beforeTheJump, 0)).isEqualTo(new NotificationPolicy.HoldUntil(theJump));
        // a match arriving at that very instant falls into the next quiet hours, which start at 03:00
        assertThat(NotificationPolicy.decide(p, 0.9, theJump, 0))
                .isEqualTo(new NotificationPolicy.HoldUntil(Instant.parse("2026-03-30T00:00:00Z")));
    }

    @Test
    void theCapSendsTheRestToTheDigestOrOnlyToTheInboxWithoutOne() {
        assertThat(NotificationPolicy.decide(prefs(null, 3, true, 0), 0.9, at("2026-11-25T10:00"), 3))
                .isInstanceOf(NotificationPolicy.WaitForDigest.class);
        assertThat(NotificationPolicy.decide(prefs(null, 3, false, 0), 0.9, at("2026-11-25T10:00"), 3))
                .isInstanceOf(NotificationPolicy.InboxOnly.class);
        assertThat(NotificationPolicy.decide(prefs(null, 3, true, 0), 0.9, at("2026-11-25T10:00"), 2))
                .isInstanceOf(NotificationPolicy.PushNow.class);
    }

    @Test
    void scoresBelowTheMinimumAreNeverPushed() {
        assertThat(NotificationPolicy.decide(prefs(null, null, false, 0.6), 0.59, at("2026-11-25T10:00"), 0))
                .isInstanceOf(NotificationPolicy.InboxOnly.class);
        assertThat(NotificationPolicy.decide(prefs(null, null, false, 0.6), 0.6, at("2026-11-25T10:00"), 0))
                .isInstanceOf(NotificationPolicy.PushNow.class);
    }

    @Test
    void theLatestDigestSlotIsTodaysTimeOnceItHasPassedElseYesterdays() {
        Preferences p = prefs(null, null, true, 0);
        assertThat(NotificationPolicy.lastDigestSlot(p, at("2026-11-25T18:00"))).isEqualTo(at("2026-11-25T18:00"));
        assertThat(NotificationPolicy.lastDigestSlot(p, at("2026-11-25T17:59"))).isEqualTo(at("2026-11-24T18:00"));
        assertThat(NotificationPolicy.lastDigestSlot(prefs(null, null, false, 0), at("2026-11-25T18:00"))).isNull();
    }
}
