package org.doorstep.matching.scoring;

/** A hard rule that rules a pair out whatever its score. */
public record Veto(String rule, String detail) {
}
