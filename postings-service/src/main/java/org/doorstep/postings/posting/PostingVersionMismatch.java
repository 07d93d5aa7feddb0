package org.doorstep.postings.posting;

/** The posting is not at the version the request names ({@code If-Match}); nothing was changed. */
public class PostingVersionMismatch extends RuntimeException {

    public PostingVersionMismatch(String message) {
        super(message);
    }
}
