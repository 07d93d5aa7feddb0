package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The skills and occupations matching reasons about. Free labels normalise to concepts (case,
 * punctuation, plurals, aliases in English and Chinese); labels nobody knows still become concepts of
 * their own ({@code label:...}) so that two parties using the same unknown word still meet. Built once
 * by {@link TaxonomyBuilder}; afterwards only unknown labels are added, under a lock.
 */
public final class Taxonomy {

    private final Map<String, Integer> skillByAlias;
    private final Map<String, Occupation> occupationByKey;
    private final Map<String, Occupation> occupationByAlias;
    private final Set<String> familyWords;
    private final Set<String> curatedOccupationAliases;
    private final int[][] relatedSkills;
    private final TitleMatcher titles;
    private final float[] skillWeights;
    private final OccupationInference inference;
    private final int knownSkills;
    private volatile SkillConcept[] skills;
    private int size;

    Taxonomy(List<SkillConcept> known, Map<String, Integer> skillByAlias, Map<Integer, int[]> relatedSkills,
             Map<String, Occupation> occupationByKey, Map<String, Occupation> occupationByAlias,
             Set<String> familyWords, Set<String> curatedOccupationAliases, TitleMatcher titles,
             float[] skillWeights, OccupationInference inference) {
        this.skills = known.toArray(new SkillConcept[Math.max(16, known.size() * 2)]);
        this.size = known.size();
        this.knownSkills = known.size();
        this.skillByAlias = new ConcurrentHashMap<>(skillByAlias);
        this.relatedSkills = new int[known.size()][];
        relatedSkills.forEach((ord, related) -> this.relatedSkills[ord] = related);
        this.occupationByKey = Map.copyOf(occupationByKey);
        this.occupationByAlias = Map.copyOf(occupationByAlias);
        this.familyWords = Set.copyOf(familyWords);
        this.curatedOccupationAliases = Set.copyOf(curatedOccupationAliases);
        this.titles = titles;
        this.skillWeights = skillWeights;
        this.inference = inference;
    }

    /**
     * How much sharing this skill says about a fit, in (0, 1]: its specificity (ESCO reuse level and
     * inverse frequency over ESCO's occupations, see {@link SkillWeights}).
     */
    public double skillWeight(int ord) {
        return ord >= 0 && ord < skillWeights.length ? skillWeights[ord] : SkillWeights.unknown();
    }

    /**
     * The ISCO unit groups these skills (sorted ordinals) most likely belong to, best first, each with the
     * share of its occupation's weighted skill profile they cover; at most {@code limit}, none below
     * {@code min}. Empty without occupation-skill relations (the built-in vocabulary alone has none).
     */
    public List<InferredOccupation> inferOccupations(int[] skills, int limit, double min) {
        return inference.infer(skills, this, limit, min);
    }

    /** The position of an occupation among those with a skill profile (ESCO's), -1 when it has none. */
    public int profileOf(Occupation occupation) {
        return inference.indexOf(occupation);
    }

    /** The essential skills (sorted ordinals) of the occupation at a position given by {@link #profileOf}. */
    public int[] essentialSkills(int profile) {
        return inference.essentialOf(profile);
    }

    /** The occupation at a position given by {@link #profileOf}. */
    public Occupation profiled(int index) {
        return inference.occupation(index);
    }

    /**
     * How much of the skill profile of the occupation at {@code profile} these skills (sorted ordinals)
     * cover, in [0, 1): the same measure as the confidence of {@link #inferOccupations}.
     */
    public double occupationCoverage(int profile, int[] skills) {
        return inference.coverage(profile, skills, this);
    }

    /** As {@link #occupationCoverage}, with skills related to the profile's counting {@code relatedCredit} of theirs. */
    public double occupationFit(int profile, int[] skills, double relatedCredit) {
        return inference.coverage(profile, skills, this, relatedCredit);
    }

    /** The concept of a skill given by label and/or ESCO URI (the URI wins when known). */
    public int skill(String label, String escoUri) {
        if (escoUri != null && !escoUri.isBlank()) {
            Integer byUri = skillByAlias.get(escoUri.trim());
            if (byUri != null) {
                return byUri;
            }
        }
        String normalised = LabelNormaliser.normalise(label);
        if (normalised.isEmpty()) {
            if (escoUri == null || escoUri.isBlank()) {
                return -1;
            }
            return skillByAlias.computeIfAbsent(escoUri.trim(), k -> add(k, k));
        }
        Integer known = skillByAlias.get(normalised);
        if (known != null) {
            return known;
        }
        String key = escoUri != null && !escoUri.isBlank() ? escoUri.trim() : "label:" + normalised;
        return skillByAlias.computeIfAbsent(normalised, n -> add(key, label.trim()));
    }

    /** The concept of a label only if the vocabulary knows it (no new concept is made). */
    public int knownSkill(String label) {
        Integer ord = skillByAlias.get(LabelNormaliser.normalise(label));
        return ord == null || ord >= knownSkills ? -1 : ord;
    }

    /** Every alias of a known skill (normalised) with its concept; for the text extractor's dictionary. */
    public void forEachSkillAlias(java.util.function.BiConsumer<String, Integer> action) {
        skillByAlias.forEach((alias, ord) -> {
            if (ord < knownSkills && !alias.startsWith("http") && !alias.startsWith("skill:")) {
                action.accept(alias, ord);
            }
        });
    }

    /**
     * Whether an occupation alias (normalised) was written for this project (the built-in vocabulary's English and
     * Chinese aliases), whichever concept it names now: built-in occupations are folded into ESCO's concepts.
     */
    public boolean curatedOccupationAlias(String alias) {
        return curatedOccupationAliases.contains(alias);
    }

    /** Every alias of an occupation (normalised: titles, alternative titles, zh aliases). */
    public void forEachOccupationAlias(java.util.function.BiConsumer<String, Occupation> action) {
        occupationByAlias.forEach(action);
    }

    public SkillConcept concept(int ord) {
        return skills[ord];
    }

    public String skillLabel(int ord) {
        SkillConcept[] current = skills;
        return ord >= 0 && ord < current.length && current[ord] != null ? current[ord].label() : "?";
    }

    /** The skills {@code a} is related to (sorted; shared with the taxonomy: read, never modify). */
    public int[] relatedView(int a) {
        int[] r = a >= 0 && a < relatedSkills.length ? relatedSkills[a] : null;
        return r == null ? NO_SKILLS : r;
    }

    private static final int[] NO_SKILLS = new int[0];

    /** Whether {@code a} and {@code b} are related concepts (broader/narrower or related in the vocabulary). */
    public boolean related(int a, int b) {
        int[] r = a >= 0 && a < relatedSkills.length ? relatedSkills[a] : null;
        return r != null && Arrays.binarySearch(r, b) >= 0;
    }

    /**
     * The ISCO unit group of an occupation field: an ISCO code, an ESCO occupation URI, or a label or
     * title (matched through the aliases, else derived); 0 when nothing fits.
     */
    public int isco(String occupation) {
        if (occupation == null || occupation.isBlank()) {
            return 0;
        }
        int code = IscoCode.parse(occupation);
        if (code > 0) {
            return code;
        }
        Occupation byKey = occupationByKey.get(occupation.trim());
        if (byKey != null) {
            return byKey.isco();
        }
        return occupationOfTitle(occupation).stream().findFirst().map(Occupation::isco).orElse(0);
    }

    /** Occupations for a job title, best first (at most {@code limit}). */
    public List<Occupation> rankTitle(String title, int limit) {
        String normalised = LabelNormaliser.normalise(title);
        if (normalised.isEmpty()) {
            return List.of();
        }
        return titles.rank(normalised, limit);
    }

    /** The occupation a title names, if it is confident enough to derive a posting's occupation from. */
    public List<Occupation> occupationOfTitle(String title) {
        return normaliseTitle(title).filter(m -> m.confidence() >= DERIVE_CONFIDENCE)
                .map(m -> List.of(m.occupation())).orElse(List.of());
    }

    /**
     * The occupation a job title most likely names: an alias of the whole title (confidence 1); else
     * an alias of the title without grade, seniority and contract words ("Band 5", "Senior", "Bank"),
     * without what follows a dash or stands in brackets, or of one of its parts ("Java developer /
     * Java开发工程师") (0.9); else the best word overlap. A family word ("teacher", "technician": see
     * {@link OccupationAliases}) names its occupation with {@link #FAMILY_WORD_CONFIDENCE} only, too little to derive
     * an occupation from: the skills tell which teacher.
     */
    public java.util.Optional<TitleMatch> normaliseTitle(String title) {
        String normalised = LabelNormaliser.normalise(title);
        if (normalised.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<TitleMatch> exact = byAlias(normalised, 1.0, "alias");
        if (exact.isPresent()) {
            return exact;
        }
        String cleaned = MODIFIERS.matcher(" " + normalised(title.replaceAll("\\(.*?\\)|（.*?）", " ")
                .replaceAll("\\s[-–—]\\s.*$", " ")) + " ").replaceAll(" ").trim().replaceAll("\\s+", " ");
        java.util.Optional<TitleMatch> byCleaned = byAlias(cleaned, 0.9, "cleaned alias");
        if (byCleaned.isPresent()) {
            return byCleaned;
        }
        for (String part : title.split("[/|,;()（）、，]")) {
            java.util.Optional<TitleMatch> byPart = byAlias(LabelNormaliser.normalise(part), 0.9, "part alias");
            if (byPart.isPresent()) {
                return byPart;
            }
        }
        return titles.scored(cleaned.isEmpty() ? normalised : cleaned, 1).stream().findFirst();
    }

    /** How sure a family word alone makes us of the occupation it is listed for: less than {@link #DERIVE_CONFIDENCE}. */
    public static final double FAMILY_WORD_CONFIDENCE = 0.4;

    /** The occupation the alias names, if any, with {@code confidence} unless the alias is a family word. */
    private java.util.Optional<TitleMatch> byAlias(String alias, double confidence, String how) {
        Occupation occupation = occupationByAlias.get(alias);
        if (occupation == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(familyWords.contains(alias)
                ? new TitleMatch(occupation, FAMILY_WORD_CONFIDENCE, "family word")
                : new TitleMatch(occupation, confidence, how));
    }

    private static String normalised(String text) {
        return LabelNormaliser.normalise(text);
    }

    /**
     * How sure a coverage of an occupation's skill profile makes us of the occupation: 1 - e^(-3c), steep at
     * first and never flat (a quarter of the profile 0.53, half 0.78, all of it 0.95): no cap that would make
     * two different coverages equal.
     */
    public static double confidenceOfCoverage(double coverage) {
        return 1 - Math.exp(-3 * coverage);
    }

    /** Below this, a title does not give a posting its occupation (a wrong one would match the wrong people). */
    public static final double DERIVE_CONFIDENCE = 0.5;

    private static final java.util.regex.Pattern MODIFIERS = java.util.regex.Pattern.compile(
            "(?<=\\s)(band \\d+[a-z]?|grade \\d+|senior|junior|trainee|apprentice|graduate|bank|locum|temporary|"
                    + "permanent|part time|full time|fixed term|experienced|qualified|newly|deputy)(?=\\s)|(?<=\\s)(中高级|高级|中级|初级|资深|实习)");

    public Occupation occupation(String key) {
        return occupationByKey.get(key);
    }

    public Collection<Occupation> occupations() {
        return occupationByKey.values().stream().distinct().toList();
    }

    public int knownSkillCount() {
        return knownSkills;
    }

    public int skillCount() {
        return size;
    }

    public List<SkillConcept> knownSkills() {
        return new ArrayList<>(Arrays.asList(skills).subList(0, knownSkills));
    }

    private synchronized int add(String key, String label) {
        SkillConcept[] current = skills;
        if (size == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        int ord = size;
        current[ord] = new SkillConcept(ord, key, label, false, false, false);
        size++;
        skills = current;
        return ord;
    }

    static Map<String, Integer> newAliasMap() {
        return new HashMap<>();
    }
}
