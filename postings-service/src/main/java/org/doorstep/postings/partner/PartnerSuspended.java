package org.doorstep.postings.partner;

/** A suspended partner's key was presented: it is known, and refused until an operator reinstates the partner. */
public class PartnerSuspended extends RuntimeException {

    public PartnerSuspended() {
        super("This partner is suspended by the platform's operators; its API keys are refused until it is "
                + "reinstated. Contact the operators.");
    }
}
