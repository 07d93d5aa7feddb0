package org.doorstep.matching.taxonomy;

/**
 * An occupation a set of skills points to: the best ESCO occupation of its ISCO unit group, and how much
 * of that occupation's weighted skill profile the skills cover (0..1, see {@link OccupationInference}).
 */
public record InferredOccupation(Occupation occupation, double confidence) {
}
