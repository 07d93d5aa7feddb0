package org.doorstep.matching.extraction.web;

/** A client asked for more extractions than its quota; it may retry after {@code retryAfterSeconds}. */
public class ExtractionRateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    ExtractionRateLimited(long retryAfterSeconds) {
        super("too many extraction requests from this client; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
