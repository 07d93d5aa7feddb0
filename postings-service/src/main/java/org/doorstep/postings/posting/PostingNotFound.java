package org.doorstep.postings.posting;

/** The partner has no posting with this externalId. */
public class PostingNotFound extends RuntimeException {

    public PostingNotFound(String externalId) {
        super("No posting with externalId '" + externalId + "'.");
    }
}
