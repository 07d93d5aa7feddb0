package org.doorstep.matching.limits;

/**
 * A client went over one of its limits; it may try again after {@code retryAfterSeconds}. Answered as a 429
 * {@code rate-limited} problem with {@code Retry-After}, wherever it is thrown (as in the other services).
 */
public class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    protected RateLimited(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
