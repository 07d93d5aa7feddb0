package org.doorstep.postings.problem;

/** Missing or invalid credentials. */
public class Unauthorized extends RuntimeException {

    public Unauthorized(String message) {
        super(message);
    }
}
