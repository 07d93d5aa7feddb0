package org.doorstep.postings.partner;

import java.time.Instant;

/** A valid API key of a partner, known only by its id and the SHA-256 (hex) of the whole key string. */
public record ApiKey(String keyId, String sha256, Instant createdAt) {
}
