package org.doorstep.notifications.preferences;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Quiet hours hold pushes for at most a day, and release them exactly when the quiet time is over (or,
 * when its end is an hour the clocks skip, when they jump). */
class QuietHoursPropertiesTest {

    private static final ZoneId[] ZONES = {ZoneId.of("Asia/Shanghai"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("UTC")};

    @Property(tries = 2000)
    void aHeldPushIsReleasedWithinADayAndNotHeldAgainAtItsReleaseTime(
            @ForAll @IntRange(min = 0, max = 23) int startHour, @ForAll @IntRange(min = 0, max = 23) int endHour,
            @ForAll @IntRange(min = 0, max = 3) int zone,
            @ForAll @LongRange(min = 1_767_225_600L, max = 1_830_297_600L) long epochSecond) {
        var quiet = new Preferences.QuietHours(LocalTime.of(startHour, 0), LocalTime.of(endHour, 0), ZONES[zone]);
        Preferences prefs = new Preferences("s", 1, Set.of("STREAM"), quiet, null, Preferences.Digest.NONE, 0, false, null);
        Instant now = Instant.ofEpochSecond(epochSecond);
        NotificationPolicy.Decision decision = NotificationPolicy.decide(prefs, 0.9, now, 0);
        LocalTime local = now.atZone(ZONES[zone]).toLocalTime();
        boolean inside = startHour != endHour && (startHour < endHour
                ? !local.isBefore(quiet.start()) && local.isBefore(quiet.end())
                : !local.isBefore(quiet.start()) || local.isBefore(quiet.end()));
        if (!inside) {
            assertThat(decision).isInstanceOf(NotificationPolicy.PushNow.class);
            return;
        }
        assertThat(decision).isInstanceOf(NotificationPolicy.HoldUntil.class);
        Instant until = ((NotificationPolicy.HoldUntil) decision).until();
        assertThat(until).isAfter(now);
        assertThat(Duration.between(now, until)).isLessThanOrEqualTo(Duration.ofHours(25)); // a DST day may be 25 h
        LocalDateTime endThatDay = LocalDateTime.of(until.atZone(ZONES[zone]).toLocalDate(), quiet.end());
        if (ZONES[zone].getRules().getValidOffsets(endThatDay).isEmpty()) {
            // the end fell into the hour the clocks skip: released when they jump (the seeker's free time, if any, was
            // skipped with it), which may already be the next quiet hours' start
            assertThat(ZONES[zone].getRules().nextTransition(now).getInstant()).isEqualTo(until);
            return;
        }
        assertThat(NotificationPolicy.decide(prefs, 0.9, until, 0)).isInstanceOf(NotificationPolicy.PushNow.class);
    }
}
