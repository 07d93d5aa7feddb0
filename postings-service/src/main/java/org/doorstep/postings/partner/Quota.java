package org.doorstep.postings.partner;

import java.time.Duration;
import java.util.Objects;

/** An operator's rate limit for one partner: {@code limitForPeriod} requests per {@code period}. */
public record Quota(int limitForPeriod, Duration period) {

    public static final int MAX_LIMIT = 100_000;
    public static final Duration MIN_PERIOD = Duration.ofMillis(100);
    public static final Duration MAX_PERIOD = Duration.ofHours(1);

    public Quota {
        Objects.requireNonNull(period);
        if (limitForPeriod < 1 || limitForPeriod > MAX_LIMIT || period.compareTo(MIN_PERIOD) < 0
                || period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("quota out of range");
        }
    }
}
