package org.doorstep.postings.problem;

/** The caller used up its request quota, or one of its abuse limits; it may retry after {@code retryAfterSeconds}. */
public class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimited(long retryAfterSeconds) {
        super("Too many requests; retry after " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** One of the per-client abuse limits ({@code what}: "failed authentications"). */
    public RateLimited(String what, long retryAfterSeconds) {
        super("Too many " + what + " from this client; retry after " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
