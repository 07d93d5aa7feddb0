package org.doorstep.postings.problem;

/** Base of "no such thing (for you)"; also used where existence must not be confirmed to another party. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
