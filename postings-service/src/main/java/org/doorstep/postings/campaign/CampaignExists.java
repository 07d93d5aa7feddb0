package org.doorstep.postings.campaign;

/** A campaign with this code exists already. */
public class CampaignExists extends RuntimeException {

    public CampaignExists(String code) {
        super("Campaign '" + code + "' already exists; PUT /api/v1/campaigns/" + code + " changes it.");
    }
}
