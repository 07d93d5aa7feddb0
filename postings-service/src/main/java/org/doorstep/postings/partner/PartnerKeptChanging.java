package org.doorstep.postings.partner;

/** The partner kept changing while a request tried to change it; the request may be retried. */
public class PartnerKeptChanging extends RuntimeException {

    public PartnerKeptChanging(String partnerId) {
        super("The partner " + partnerId + " kept changing while this request tried to change it; retry the request.");
    }
}
