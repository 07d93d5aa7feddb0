package org.doorstep.postings.problem;

/** The caller used up its request quota; it may retry after {@code retryAfterSeconds}. */
public class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimited(long retryAfterSeconds) {
        super("Too many requests; retry after " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
