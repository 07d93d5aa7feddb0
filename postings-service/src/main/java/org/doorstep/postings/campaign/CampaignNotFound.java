package org.doorstep.postings.campaign;

import org.doorstep.postings.problem.NotFound;

public class CampaignNotFound extends NotFound {

    public CampaignNotFound(String code) {
        super("No campaign '" + code + "'.");
    }
}
