package org.doorstep.matching.match;

/** Which side's change found a match. */
public enum Trigger { POSTING, SEEKER }
