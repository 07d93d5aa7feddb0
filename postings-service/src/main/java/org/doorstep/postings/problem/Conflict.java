package org.doorstep.postings.problem;

public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
