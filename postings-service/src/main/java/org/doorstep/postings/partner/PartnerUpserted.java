package org.doorstep.postings.partner;

public record PartnerUpserted(Partner partner) implements PartnerEvent {
}
