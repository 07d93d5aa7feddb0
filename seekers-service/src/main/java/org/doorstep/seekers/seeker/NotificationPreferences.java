package org.doorstep.seekers.seeker;

import java.util.List;

/** How and when the seeker wants to hear about matches (read by notification-service). */
public record NotificationPreferences(
        List<Channel> channels,
        QuietHours quietHours,
        Integer maxPerDay,
        Digest digest,
        double minScore,
        String pushToken) {

    public static final List<Channel> DEFAULT_CHANNELS = List.of(Channel.STREAM, Channel.INBOX);
    public static final NotificationPreferences DEFAULT =
            new NotificationPreferences(DEFAULT_CHANNELS, null, null, Digest.NONE, 0.0, null);

    public NotificationPreferences {
        channels = List.copyOf(channels == null ? DEFAULT_CHANNELS : channels);
        digest = digest == null ? Digest.NONE : digest;
    }

    public enum Channel { STREAM, PUSH, INBOX }

    public enum DigestMode { NONE, DAILY }

    /** Local times {@code HH:mm} in an IANA zone; may wrap midnight (22:00 to 07:00). */
    public record QuietHours(String start, String end, String zone) {
    }

    /** {@code at} and {@code zone} are set only for {@link DigestMode#DAILY}. */
    public record Digest(DigestMode mode, String at, String zone) {
        public static final Digest NONE = new Digest(DigestMode.NONE, null, null);
    }
}
