package org.doorstep.postings.partner;

public enum PartnerStatus { ACTIVE, SUSPENDED }
