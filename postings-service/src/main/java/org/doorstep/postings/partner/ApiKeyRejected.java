package org.doorstep.postings.partner;

/** A request presented no partner API key, or one that is not valid. */
public class ApiKeyRejected extends RuntimeException {

    public ApiKeyRejected(String message) {
        super(message);
    }
}
