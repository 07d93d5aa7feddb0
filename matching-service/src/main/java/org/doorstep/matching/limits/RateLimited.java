package org.doorstep.matching.limits;

/** A client went over one of its {@link AbuseLimits}; it may try again after {@code retryAfterSeconds}. */
public class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimited(String what, long retryAfterSeconds) {
        super("Too many " + what + " from this client; retry after " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
