package org.doorstep.matching.taxonomy;

/**
 * One skill concept. {@code ord} is its compact number inside this process (the index and the
 * seekers' skill arrays hold ordinals, not strings); {@code key} is its stable name: an ESCO URI, a
 * built-in key such as {@code skill:java}, or {@code label:<normalised label>} for a free label the
 * taxonomy does not know.
 */
public record SkillConcept(int ord, String key, String label, boolean green, boolean digital, boolean known) {
}
