package org.doorstep.postings.partner;

import org.doorstep.postings.problem.NotFound;

public class PartnerNotFound extends NotFound {

    public PartnerNotFound(String partnerId) {
        super("No partner '" + partnerId + "'.");
    }
}
