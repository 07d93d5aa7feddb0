package org.doorstep.postings.partner;

/** No partner with this id. */
public class PartnerNotFound extends RuntimeException {

    public PartnerNotFound(String partnerId) {
        super("No partner '" + partnerId + "'.");
    }
}
