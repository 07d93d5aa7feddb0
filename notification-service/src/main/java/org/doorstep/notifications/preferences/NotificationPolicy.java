package org.doorstep.notifications.preferences;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/** Decides, from a seeker's preferences, whether a match is pushed live now, held, left for the digest or only kept. */
public final class NotificationPolicy {

    private NotificationPolicy() {
    }

    public sealed interface Decision permits PushNow, HoldUntil, WaitForDigest, InboxOnly {
    }

    public record PushNow() implements Decision {
    }

    public record HoldUntil(Instant until) implements Decision {
    }

    public record WaitForDigest() implements Decision {
    }

    public record InboxOnly(String why) implements Decision {
    }

    /**
     * @param pushedToday live pushes already made on the seeker's current day
     */
    public static Decision decide(Preferences preferences, double score, Instant now, long pushedToday) {
        if (score < preferences.minScore()) {
            return new InboxOnly("below minScore");
        }
        Instant quietEnd = quietHoursEnd(preferences.quietHours(), now);
        if (quietEnd != null) {
            return new HoldUntil(quietEnd);
        }
        if (preferences.maxPerDay() != null && pushedToday >= preferences.maxPerDay()) {
            return preferences.digest().daily() ? new WaitForDigest() : new InboxOnly("daily cap reached");
        }
        return new PushNow();
    }

    /** When the quiet hours that contain {@code now} end, or null when {@code now} is not quiet. */
    public static Instant quietHoursEnd(Preferences.QuietHours quiet, Instant now) {
        if (quiet == null || quiet.start().equals(quiet.end())) {
            return null;
        }
        ZonedDateTime local = now.atZone(quiet.zone());
        LocalTime time = local.toLocalTime();
        LocalDate today = local.toLocalDate();
        boolean overnight = quiet.start().isAfter(quiet.end());
        if (!overnight) {
            if (!time.isBefore(quiet.start()) && time.isBefore(quiet.end())) {
                return at(today, quiet.end(), quiet);
            }
            return null;
        }
        if (!time.isBefore(quiet.start())) {
            return at(today.plusDays(1), quiet.end(), quiet);
        }
        if (time.isBefore(quiet.end())) {
            return at(today, quiet.end(), quiet);
        }
        return null;
    }

    /** The latest digest time at or before {@code now}, or null when the seeker has no daily digest. */
    public static Instant lastDigestSlot(Preferences preferences, Instant now) {
        Preferences.Digest digest = preferences.digest();
        if (!digest.daily()) {
            return null;
        }
        LocalTime at = digest.at() == null ? LocalTime.of(18, 0) : digest.at();
        ZonedDateTime local = now.atZone(preferences.zone());
        ZonedDateTime today = LocalDateTime.of(local.toLocalDate(), at).atZone(preferences.zone());
        return (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
    }

    /** The seeker's current day, for the daily cap. */
    public static LocalDate day(Preferences preferences, Instant now) {
        return now.atZone(preferences.zone()).toLocalDate();
    }

    private static Instant at(LocalDate date, LocalTime time, Preferences.QuietHours quiet) {
        return LocalDateTime.of(date, time).atZone(quiet.zone()).toInstant();
    }
}
