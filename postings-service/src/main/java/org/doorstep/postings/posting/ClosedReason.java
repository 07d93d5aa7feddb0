package org.doorstep.postings.posting;

public enum ClosedReason { PARTNER, EXPIRED }
