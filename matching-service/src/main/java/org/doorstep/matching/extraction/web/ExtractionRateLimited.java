package org.doorstep.matching.extraction.web;

import org.doorstep.matching.limits.RateLimited;

/** A client asked for more extractions than its quota; it may retry after {@code retryAfterSeconds}. */
public class ExtractionRateLimited extends RateLimited {

    ExtractionRateLimited(long retryAfterSeconds) {
        super("too many extraction requests from this client; retry after " + retryAfterSeconds + " s", retryAfterSeconds);
    }
}
