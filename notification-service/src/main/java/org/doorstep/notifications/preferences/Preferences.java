package org.doorstep.notifications.preferences;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/** The copy of a seeker's notification preferences and consent (from {@code doorstep.seeker-preferences.v1}). */
public record Preferences(String seekerId, long version, Set<String> channels, QuietHours quietHours,
                          Integer maxPerDay, Digest digest, double minScore, boolean shareWithPartners,
                          String pushToken) {

    public Preferences {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        digest = digest == null ? Digest.NONE : digest;
    }

    /** Without preferences every match is pushed live and nothing is shared with partners. */
    public static Preferences defaults(String seekerId) {
        return new Preferences(seekerId, 0, Set.of("STREAM", "INBOX"), null, null, Digest.NONE, 0.0, false, null);
    }

    /** What is left of an erased seeker: only the fact, so late events about them are dropped. */
    public static Preferences erased(String seekerId) {
        return new Preferences(seekerId, Long.MAX_VALUE, Set.of(), null, null, Digest.NONE, 1.0, false, null);
    }

    public boolean isErased() {
        return version == Long.MAX_VALUE;
    }

    /** The zone the seeker's days are counted in (cap, digest): the digest's, else quiet hours', else UTC. */
    public ZoneId zone() {
        if (digest.zone() != null) {
            return digest.zone();
        }
        return quietHours != null ? quietHours.zone() : ZoneOffset.UTC;
    }

    public boolean wantsPush() {
        return channels.contains("PUSH") && pushToken != null && !pushToken.isBlank();
    }

    public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    }

    public record Digest(boolean daily, LocalTime at, ZoneId zone) {
        public static final Digest NONE = new Digest(false, null, null);
    }
}
