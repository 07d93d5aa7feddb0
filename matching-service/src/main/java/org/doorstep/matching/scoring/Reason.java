package org.doorstep.matching.scoring;

/** One factor of a score: its name, its value in [0, 1] (or the bonus added) and a readable detail. */
public record Reason(String factor, double value, String detail) {
}
