package org.doorstep.matching.taxonomy;

/**
 * One skill concept. {@code ord} is its compact number inside this process (the index and the
 * seekers' skill arrays hold ordinals, not strings); {@code key} is its stable name: an ESCO URI, a
 * built-in key such as {@code skill:java}, or {@code label:<normalised label>} for a free label the
 * taxonomy does not know. {@code reuse} is ESCO's reuse level ({@link Reuse#UNKNOWN} when ungraded).
 * {@code green}, {@code digital} and {@code silver} are its economy tags: ESCO's green and digital collections and
 * the built-in vocabulary's tags; silver (the care and services of an ageing population) is the built-in vocabulary's
 * only, as ESCO has no such collection.
 */
public record SkillConcept(int ord, String key, String label, boolean green, boolean digital, boolean known,
                           Reuse reuse, boolean silver) {

    public SkillConcept(int ord, String key, String label, boolean green, boolean digital, boolean known) {
        this(ord, key, label, green, digital, known, Reuse.UNKNOWN, false);
    }

    SkillConcept withReuse(Reuse level) {
        return new SkillConcept(ord, key, label, green, digital, known, level, silver);
    }

    SkillConcept withTags(boolean isGreen, boolean isDigital) {
        return new SkillConcept(ord, key, label, green || isGreen, digital || isDigital, true, reuse, silver);
    }

    SkillConcept asSilver() {
        return new SkillConcept(ord, key, label, green, digital, true, reuse, true);
    }
}
