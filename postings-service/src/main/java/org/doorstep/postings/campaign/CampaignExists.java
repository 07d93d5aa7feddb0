package org.doorstep.postings.campaign;

import org.doorstep.postings.problem.Conflict;

public class CampaignExists extends Conflict {

    public CampaignExists(String code) {
        super("Campaign '" + code + "' already exists; PUT /api/v1/campaigns/" + code + " changes it.");
    }
}
