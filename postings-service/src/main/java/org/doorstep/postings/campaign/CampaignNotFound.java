package org.doorstep.postings.campaign;

/** No campaign with this code. */
public class CampaignNotFound extends RuntimeException {

    public CampaignNotFound(String code) {
        super("No campaign '" + code + "'.");
    }
}
