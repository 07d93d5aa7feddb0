package org.doorstep.postings.partner;

/** What happened to a partner; carries its full registry entry. */
public sealed interface PartnerEvent permits PartnerUpserted {

    Partner partner();
}
