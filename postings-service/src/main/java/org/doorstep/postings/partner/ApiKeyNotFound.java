package org.doorstep.postings.partner;

import org.doorstep.postings.problem.NotFound;

public class ApiKeyNotFound extends NotFound {

    public ApiKeyNotFound(String keyId) {
        super("No valid API key '" + keyId + "'.");
    }
}
