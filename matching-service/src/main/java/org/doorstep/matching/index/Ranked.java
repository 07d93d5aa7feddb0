package org.doorstep.matching.index;

/** A candidate that passed the precise score: the other side's id and the score. */
public record Ranked<T>(T item, double score) {
}
