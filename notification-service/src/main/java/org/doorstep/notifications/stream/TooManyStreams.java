package org.doorstep.notifications.stream;

import java.time.Duration;

/** The seeker already holds as many open streams on this instance as allowed. */
public class TooManyStreams extends RuntimeException {

    private final int limit;
    private final Duration retryAfter;

    TooManyStreams(int limit, Duration retryAfter) {
        super("too many open streams", null, false, false);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public int limit() {
        return limit;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
