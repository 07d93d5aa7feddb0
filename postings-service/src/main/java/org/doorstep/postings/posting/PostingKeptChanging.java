package org.doorstep.postings.posting;

/** The posting kept changing while a request tried to change it; the request may be retried. */
public class PostingKeptChanging extends RuntimeException {

    public PostingKeptChanging(String externalId) {
        super("The posting " + externalId + " kept changing while this request tried to change it; retry the request.");
    }
}
