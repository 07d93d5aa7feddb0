package org.doorstep.postings.problem;

public class PayloadTooLarge extends RuntimeException {

    public PayloadTooLarge(long maxBytes) {
        super("The request body exceeds " + maxBytes + " bytes.");
    }
}
