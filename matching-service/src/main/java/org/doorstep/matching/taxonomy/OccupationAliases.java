package org.doorstep.matching.taxonomy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which occupation an alias (normalised) names, while the taxonomy is built. First come, first served, with one
 * exception: an occupation's own preferred label names it even where an occupation read earlier lists the same
 * words as an alternative label (ESCO lists "accountant" for the financial controller and "occupational therapist"
 * for the physiotherapist). Also finds the <em>family words</em>: a one-word alternative label, not an occupation's
 * preferred label nor written for this project, that is the head word (the last) of the titles of
 * {@value #FAMILY} or more occupations names a family of occupations, not the one it is listed for (ESCO lists
 * "teacher" as an alternative label of the politics lecturer, "technician" of the consumer electronics repair
 * technician, "supervisor" of the oil refinery control room operator).
 */
final class OccupationAliases {

    /** How many occupations' titles must end in a word for it to name a family. */
    static final int FAMILY = 10;

    private final Map<String, Occupation> byAlias = new HashMap<>();
    private final Set<String> preferred = new HashSet<>();
    private final Map<String, Set<Occupation>> byHead = new HashMap<>();

    /** An occupation's preferred label: it takes the alias from another occupation's alternative label. */
    void preferred(String alias, Occupation occupation) {
        if (preferred.add(alias)) {
            byAlias.put(alias, occupation);
        }
        headed(alias, occupation);
    }

    /** An alternative label (or a built-in alias): only if no occupation has it yet. */
    void alternative(String alias, Occupation occupation) {
        byAlias.putIfAbsent(alias, occupation);
        headed(alias, occupation);
    }

    Occupation get(String alias) {
        return byAlias.get(alias);
    }

    boolean contains(String alias) {
        return byAlias.containsKey(alias);
    }

    Map<String, Occupation> all() {
        return byAlias;
    }

    /** The family words among the aliases; {@code curated} ones (written for this project) never are. */
    Set<String> familyWords(Set<String> curated) {
        Set<String> family = new HashSet<>();
        for (String alias : byAlias.keySet()) {
            if (alias.chars().allMatch(c -> c >= 'a' && c <= 'z') && !preferred.contains(alias) && !curated.contains(alias)
                    && byHead.getOrDefault(alias, Set.of()).size() >= FAMILY) {
                family.add(alias);
            }
        }
        return family;
    }

    private void headed(String alias, Occupation occupation) {
        String head = alias.substring(alias.lastIndexOf(' ') + 1);
        byHead.computeIfAbsent(head, k -> new HashSet<>()).add(occupation);
    }
}
