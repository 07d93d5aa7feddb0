package org.doorstep.matching.scoring;

public enum Workplace { ONSITE, HYBRID, REMOTE }
