package org.doorstep.matching.taxonomy;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the built-in vocabulary meets ESCO's skills under another name. The built-in concepts come first and keep
 * their names, so without these links a seeker's built-in "Java" or "Welding" never met the ESCO skills an
 * occupation's profile lists ("Java (computer programming)", "operate welding equipment"):
 * <ul>
 * <li>an ESCO label that is a built-in concept's own label plus a qualifier in brackets is that concept
 * ({@link #sameAs});</li>
 * <li>an ESCO skill named (by its label or an alternative label) with a built-in concept's own label, or with one
 * of its aliases of two or more words, is related to it ({@link #links}): partial credit, as for ESCO's own related
 * skills. One-word aliases ("pr", "ct") name too many things to link by.</li>
 * </ul>
 */
final class BuiltInLinks {

    private final Map<String, Integer> builtInByLabel = new HashMap<>();

    static boolean isBuiltIn(String key) {
        return key.startsWith("skill:");
    }

    /** Records a built-in concept's own label. */
    void label(String label, int ord) {
        builtInByLabel.putIfAbsent(LabelNormaliser.normalise(label), ord);
    }

    /** The built-in concept that {@code label} names with a qualifier in brackets ("Java (computer programming)"). */
    Integer sameAs(String label) {
        int open = label.lastIndexOf(" (");
        if (open <= 0 || !label.endsWith(")")) {
            return null;
        }
        return builtInByLabel.get(LabelNormaliser.normalise(label.substring(0, open)));
    }

    /** Whether a new concept that meets {@code holder}, the concept already named {@code name}, is related to it. */
    boolean links(SkillConcept holder, SkillConcept newcomer, String name) {
        return isBuiltIn(holder.key()) && !isBuiltIn(newcomer.key())
                && (name.indexOf(' ') > 0 || name.equals(LabelNormaliser.normalise(holder.label())));
    }
}
