package org.doorstep.postings.problem;

/** An {@code If-Match} version that is not the current one. */
public class PreconditionFailed extends RuntimeException {

    public PreconditionFailed(String message) {
        super(message);
    }
}
