package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects skills, occupations and relations from the built-in vocabulary and, when configured, from
 * ESCO. First come, first served: an alias already taken keeps its concept (but an occupation's preferred label
 * names that occupation, see {@link OccupationAliases}), and an ESCO skill whose
 * preferred label is already a built-in alias merges into that built-in concept. Built-in occupations are
 * folded in last ({@link #builtInOccupation}): they become aliases of ESCO's concepts where ESCO has one.
 */
public final class TaxonomyBuilder {

    private final List<SkillConcept> skills = new ArrayList<>();
    private final Map<String, Integer> skillByAlias = new HashMap<>();
    private final Map<Integer, TreeSet<Integer>> related = new HashMap<>();
    private final Map<String, Occupation> occupationByKey = new LinkedHashMap<>();
    private final OccupationAliases occupationAliases = new OccupationAliases();
    private final TitleMatcher titles = new TitleMatcher();
    private final Map<Occupation, int[][]> profiles = new LinkedHashMap<>();
    private final List<BuiltInOccupation> builtInOccupations = new ArrayList<>();
    private final Set<String> curatedOccupationAliases = new HashSet<>();
    private final BuiltInLinks builtInLinks = new BuiltInLinks();

    private record BuiltInOccupation(String key, String label, int isco, List<String> aliases) {
    }

    /**
     * Adds (or merges) a skill; returns its ordinal. A skill merges into the concept that already holds its key or
     * its label, or, for a label with a qualifier in brackets, the built-in concept whose own label is the rest
     * (ESCO's "Java (computer programming)" is the built-in Java). A new skill whose label or alias is already a
     * built-in concept's name is related to that concept ({@link BuiltInLinks}).
     */
    public int skill(String key, String label, List<String> aliases, boolean green, boolean digital) {
        Integer existing = skillByAlias.get(key);
        if (existing == null) {
            existing = skillByAlias.get(LabelNormaliser.normalise(label));
        }
        if (existing == null) {
            existing = builtInLinks.sameAs(label);
        }
        int ord;
        if (existing != null) {
            ord = existing;
            SkillConcept old = skills.get(ord);
            if (green || digital) {
                skills.set(ord, old.withTags(green, digital));
            }
        } else {
            ord = skills.size();
            skills.add(new SkillConcept(ord, key, label, green, digital, true));
            if (BuiltInLinks.isBuiltIn(key)) {
                builtInLinks.label(label, ord);
            }
        }
        skillByAlias.putIfAbsent(key, ord);
        name(label, ord);
        for (String alias : aliases) {
            name(alias, ord);
        }
        return ord;
    }

    private void name(String name, int ord) {
        String normalised = LabelNormaliser.normalise(name);
        if (normalised.isEmpty()) {
            return;
        }
        Integer holder = skillByAlias.putIfAbsent(normalised, ord);
        if (holder != null && holder != ord && builtInLinks.links(skills.get(holder), skills.get(ord), normalised)) {
            relate(holder, ord);
        }
    }

    /** Tags an already added skill (by key) as green and/or digital. */
    public void tag(String key, boolean green, boolean digital) {
        Integer ord = skillByAlias.get(key);
        if (ord != null) {
            skills.set(ord, skills.get(ord).withTags(green, digital));
        }
    }

    /** Tags an already added skill (by key) as a skill of the silver economy (the care of an ageing population). */
    public void silver(String key) {
        Integer ord = skillByAlias.get(key);
        if (ord != null) {
            skills.set(ord, skills.get(ord).asSilver());
        }
    }

    /** Grades an already added skill (by key) with ESCO's reuse level; the first grade given stays. */
    public void reuse(String key, Reuse level) {
        Integer ord = skillByAlias.get(key);
        if (ord != null && level != Reuse.UNKNOWN && skills.get(ord).reuse() == Reuse.UNKNOWN) {
            skills.set(ord, skills.get(ord).withReuse(level));
        }
    }

    /** The skills an occupation (by key) needs (essential) and may use (optional), by skill key. */
    public void occupationSkills(String occupationKey, List<String> essential, List<String> optional) {
        Occupation occupation = occupationByKey.get(occupationKey);
        if (occupation == null) {
            return;
        }
        int[] e = ords(essential);
        int[] o = java.util.Arrays.stream(ords(optional)).filter(s -> java.util.Arrays.binarySearch(e, s) < 0).toArray();
        if (e.length + o.length > 0) {
            profiles.put(occupation, new int[][] {e, o});
        }
    }

    /** The normalised labels of skills (by ordinal), each normalised once into {@code normalised}. */
    private List<String> labels(int[] ords, String[] normalised) {
        List<String> out = new ArrayList<>(ords.length);
        for (int s : ords) {
            if (normalised[s] == null) {
                normalised[s] = LabelNormaliser.normalise(skills.get(s).label());
            }
            out.add(normalised[s]);
        }
        return out;
    }

    private int[] ords(List<String> keys) {
        return keys.stream().map(skillByAlias::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
                .distinct().sorted().toArray();
    }

    public void relate(String keyA, String keyB) {
        Integer a = skillByAlias.get(keyA);
        Integer b = skillByAlias.get(keyB);
        if (a != null && b != null) {
            relate(a, b);
        }
    }

    private void relate(int a, int b) {
        if (a != b) {
            related.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
            related.computeIfAbsent(b, k -> new TreeSet<>()).add(a);
        }
    }

    public Occupation occupation(String key, String label, int isco, List<String> aliases) {
        return occupation(key, label, isco, aliases, true);
    }

    /** {@code ownsLabel}: whether the preferred label takes the alias from another occupation's alternative label. */
    private Occupation occupation(String key, String label, int isco, List<String> aliases, boolean ownsLabel) {
        Occupation occupation = occupationByKey.computeIfAbsent(key, k -> new Occupation(k, label, isco));
        String preferred = LabelNormaliser.normalise(label);
        if (ownsLabel) {
            occupationAliases.preferred(preferred, occupation);
        } else {
            occupationAliases.alternative(preferred, occupation);
        }
        titles.add(preferred, occupation);
        for (String alias : aliases) {
            alias(occupation, alias);
        }
        return occupation;
    }

    /**
     * An occupation of the built-in vocabulary (ISCO unit-group level, English and Chinese aliases), added when
     * the taxonomy is built, after ESCO: where ESCO has a concept with the same label and unit group, the
     * built-in key, label and aliases become aliases of that concept (so that a title such as "personal trainer"
     * finds ESCO's occupation with its skill profile, not a profile-less stand-in), an alias that is already
     * an ESCO title keeping its ESCO concept; otherwise it is a concept of its own, with the aliases ESCO does not
     * already have.
     */
    public void builtInOccupation(String key, String label, int isco, List<String> aliases) {
        builtInOccupations.add(new BuiltInOccupation(key, label, isco, List.copyOf(aliases)));
    }

    private void foldBuiltInOccupations() {
        boolean esco = !profiles.isEmpty();
        for (BuiltInOccupation b : builtInOccupations) {
            curatedOccupationAliases.add(LabelNormaliser.normalise(b.label()));
            b.aliases().forEach(a -> curatedOccupationAliases.add(LabelNormaliser.normalise(a)));
            List<String> fresh = esco ? b.aliases().stream()
                    .filter(a -> !occupationAliases.contains(LabelNormaliser.normalise(a))).toList() : b.aliases();
            Occupation same = occupationAliases.get(LabelNormaliser.normalise(b.label()));
            if (esco && same != null && same.isco() == b.isco() && profiles.containsKey(same)) {
                occupationByKey.putIfAbsent(b.key(), same);
                fresh.forEach(a -> alias(same, a));
            } else {
                // next to ESCO, a built-in concept (no skill profile) never takes a title from an ESCO occupation
                occupation(b.key(), b.label(), b.isco(), fresh, !esco);
            }
        }
        builtInOccupations.clear();
    }

    public void alias(Occupation occupation, String alias) {
        String normalised = LabelNormaliser.normalise(alias);
        if (!normalised.isEmpty()) {
            occupationAliases.alternative(normalised, occupation);
            titles.add(normalised, occupation);
        }
    }

    public boolean hasSkill(String key) {
        return skillByAlias.containsKey(key);
    }

    public Taxonomy build() {
        foldBuiltInOccupations();
        String[] skillLabels = new String[skills.size()];
        profiles.forEach((occupation, p) -> titles.skills(occupation, labels(p[0], skillLabels), labels(p[1], skillLabels)));
        titles.seal();
        Map<Integer, int[]> relatedArrays = new HashMap<>();
        related.forEach((k, v) -> relatedArrays.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        int[] documentFrequency = new int[skills.size()];
        List<Occupation> profiled = new ArrayList<>(profiles.keySet());
        List<int[]> essential = new ArrayList<>();
        List<int[]> optional = new ArrayList<>();
        profiles.values().forEach(p -> {
            essential.add(p[0]);
            optional.add(p[1]);
            for (int[] part : p) {
                for (int s : part) {
                    documentFrequency[s]++;
                }
            }
        });
        float[] weights = SkillWeights.of(skills.toArray(new SkillConcept[0]), skills.size(), documentFrequency,
                Math.max(1, profiled.size()));
        OccupationInference inference = profiled.isEmpty() ? OccupationInference.none()
                : new OccupationInference(profiled, essential, optional, weights, relatedArrays);
        return new Taxonomy(skills, skillByAlias, relatedArrays, occupationByKey, occupationAliases.all(),
                occupationAliases.familyWords(curatedOccupationAliases), curatedOccupationAliases, titles, weights, inference);
    }
}
