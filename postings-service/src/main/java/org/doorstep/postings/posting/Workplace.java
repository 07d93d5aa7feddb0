package org.doorstep.postings.posting;

public enum Workplace { ONSITE, HYBRID, REMOTE }
