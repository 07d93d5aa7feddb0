package org.doorstep.postings.partner;

import java.util.List;

/** A partner's new state and the events the change caused. */
public record PartnerChange(Partner partner, List<PartnerEvent> events) {

    public PartnerChange {
        events = List.copyOf(events);
    }
}
