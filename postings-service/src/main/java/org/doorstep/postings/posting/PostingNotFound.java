package org.doorstep.postings.posting;

import org.doorstep.postings.problem.NotFound;

public class PostingNotFound extends NotFound {

    public PostingNotFound(String externalId) {
        super("No posting with externalId '" + externalId + "'.");
    }
}
