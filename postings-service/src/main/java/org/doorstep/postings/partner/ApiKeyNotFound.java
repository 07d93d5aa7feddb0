package org.doorstep.postings.partner;

/** The partner has no valid API key with this id. */
public class ApiKeyNotFound extends RuntimeException {

    public ApiKeyNotFound(String keyId) {
        super("No valid API key '" + keyId + "'.");
    }
}
