package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks occupations for a job title. An exact alias wins; otherwise each occupation is scored by a
 * weighted sum of features (see {@link #WEIGHTS}) computed from its aliases and, more weakly, its skills:
 * <ul>
 * <li>its best alias: the share of informative words (inverse document frequency) the title and the
 * alias have in common (a generalised Dice), words stemmed (Porter: "accounting" meets "accountant"),
 * gendered forms folded ("chairwoman", "waitress"), stop words dropped;</li>
 * <li>all its aliases together as one document: TF-IDF cosine over words and over character trigrams
 * (spelling and morphology the stemmer misses: "behavioral", "behavioural"), BM25 over words (term
 * frequency saturated, long alias lists normalised); the share of the title's word information the
 * occupation's aliases cover; the sum over aliases (many matching variants make an occupation likelier);</li>
 * <li>the head noun (the last word, or the word before "of", "in", "for"): how many of the occupation's
 * aliases have the title's head as theirs;</li>
 * <li>words learned to substitute for each other (two aliases of one occupation that differ in one word
 * each, seen in at least two occupations: "operative" for "operator", "seller" for "salesperson") count
 * for the title at a discount;</li>
 * <li>its essential and optional skills' labels as a second document: TF-IDF cosine with the title's
 * words, which also reaches words no alias has ("deboner": "debone meat" of the meat cutter).</li>
 * </ul>
 * Chinese, Japanese and Korean runs become character bigrams (and the single character of a run of
 * one), as words. Built single-threaded (add, then seal); rank and scored are thread-safe afterwards.
 */
final class TitleMatcher {

    static final int F_BEST = 0;
    static final int F_OCC = 1;
    static final int F_GRAM = 2;
    static final int F_SUM = 3;
    static final int F_HEADFRAC = 4;
    static final int F_COV = 5;
    static final int F_HEADANY = 6;
    static final int F_FIRST = 7;
    static final int F_PRIOR = 8;
    static final int F_HEADVOC = 9;
    static final int F_BESTHEAD = 10;
    static final int F_SKILL = 11;
    static final int F_BM25 = 12;
    static final int FEATURES = 13;

    /**
     * Feature weights, in the order of the F_ constants: tuned by coordinate ascent on accuracy@1 + @5 over
     * the validation fold of {@code TitleTuning} (a fifth of the training aliases; never the held-out
     * titles TaxonomyQuality reports). The features at 0 were measured and gave nothing on that fold;
     * ranking does not compute them.
     */
    static final double[] WEIGHTS = {1.0, -0.4, 1.07, 0.08, 0.22, 0.48, 0.07, 0.05, -0.04, 0, -0.03, 0.78, 0.25};
    /** BM25's term-frequency saturation and length normalisation (the usual values), for F_BM25. */
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /**
     * Skill words of more than this share of the occupations ("manage", "use") add to occupations the title
     * already meets, and bring in no others: they say little and would touch most occupations.
     */
    private static final double SKILL_MAX_SHARE = 0.02;
    /** ...and of more than this many occupations (a small vocabulary has no common words). */
    private static final int SKILL_COMMON_MIN = 20;
    /** An optional skill's words count this much of an essential skill's in the skill field. */
    private static final double OPTIONAL_SKILL = 0.5;

    private static final double SYN = 2;
    private static final int SYN_MIN = 2;
    private static final double SYN_MIN_WEIGHT = 0.1;
    /** Trigrams in more than this share of the occupations are left out of a title's trigram vector. */
    private static final double GRAM_MAX_SHARE = 0.2;
    /** At most this many substitutes a word, each weighing at least SYN_MIN_WEIGHT (each costs a postings walk). */
    private static final int SYN_MAX = 3;

    private static final Set<String> STOP_WORDS = Set.of("of", "and", "in", "for", "the", "a", "an", "to", "with",
            "on", "at", "or", "by", "from", "&");
    private static final Set<String> HEAD_BREAKS = Set.of("of", "in", "for", "at", "with", "on", "to", "from", "by");

    private final double[] weights;
    /** The features with a weight (and the best alias, the confidence): the only ones ranking computes. */
    private final boolean[] used;
    private final int[] active;
    private static final boolean[] ALL = allFeatures();
    private final List<Occupation> aliasOwner = new ArrayList<>();
    private final List<String[]> aliasTokens = new ArrayList<>();
    /** Every occupation an alias names, the one whose preferred label (first alias) it is first, else first come. */
    private final Map<String, List<Occupation>> exact = new HashMap<>();
    private final Set<Occupation> seen = new HashSet<>();
    private final Map<Occupation, String> preferredLabel = new HashMap<>();

    // sealed
    private Set<String> vocabulary = Set.of();
    private Occupation[] occupations = new Occupation[0];
    private int[] aliasOcc = new int[0];
    private int[] firstAlias = new int[0];
    private double[] prior = new double[0];
    private Map<String, Integer> termId = Map.of();
    private double[] termIdf = new double[0];
    private double[] termOccIdf = new double[0];
    private int[][] termAliases = new int[0][];
    private float[][] termAliasWeight = new float[0][];
    private double[] aliasTotal = new double[0];
    private double[] aliasHeadWeight = new double[0];
    private boolean[][] termAliasHead = new boolean[0][];
    private int[][] termOccs = new int[0][];
    private float[][] termOccWeight = new float[0][];
    private int[][] headOccs = new int[0][];
    private float[][] headOccWeight = new float[0][];
    private Map<String, Integer> gramId = Map.of();
    private double[] gramIdf = new double[0];
    private int[][] gramOccs = new int[0][];
    private float[][] gramOccWeight = new float[0][];
    private float[][] termOccBm25 = new float[0][];
    private double[] termBm25Idf = new double[0];
    /** Until sealed: each occupation's skill words with their weights (essential 1, optional OPTIONAL_SKILL). */
    private Map<Occupation, Map<String, Double>> skillWords = new HashMap<>();
    /** Until sealed: the analysed words of each skill label (a skill serves many occupations). */
    private Map<String, String[]> skillLabelTerms = new HashMap<>();
    private Map<String, Integer> skillTermId = Map.of();
    private double[] skillIdf = new double[0];
    private boolean[] skillCommon = new boolean[0];
    private int[][] skillOccs = new int[0][];
    private float[][] skillOccWeight = new float[0][];
    private Map<String, int[]> synonymIds = Map.of();
    private Map<String, float[]> synonymWeights = Map.of();
    private ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(0, 0));

    TitleMatcher() {
        this(WEIGHTS);
    }

    TitleMatcher(double[] weights) {
        this.weights = weights.clone();
        this.used = new boolean[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            used[f] = f == F_BEST || weights[f] != 0;
        }
        this.active = java.util.stream.IntStream.range(0, FEATURES).filter(f -> weights[f] != 0).toArray();
    }

    private static boolean[] allFeatures() {
        boolean[] all = new boolean[FEATURES];
        Arrays.fill(all, true);
        return all;
    }

    void add(String normalisedAlias, Occupation occupation) {
        if (normalisedAlias.isEmpty()) {
            return;
        }
        List<Occupation> owners = exact.computeIfAbsent(normalisedAlias, k -> new ArrayList<>(1));
        if (!owners.contains(occupation)) {
            boolean preferred = seen.add(occupation);
            boolean firstIsPreferred = !owners.isEmpty() && normalisedAlias.equals(preferredLabel.get(owners.get(0)));
            if (preferred && !firstIsPreferred) {
                owners.addFirst(occupation);
            } else {
                owners.add(occupation);
            }
            if (preferred) {
                preferredLabel.put(occupation, normalisedAlias);
            }
        }
        String[] tokens = tokens(normalisedAlias);
        if (tokens.length == 0) {
            return;
        }
        aliasOwner.add(occupation);
        aliasTokens.add(tokens);
    }

    /**
     * The (normalised) labels of an occupation's essential and optional skills: a second, weaker field
     * that a title's words are also matched against ("deboner" against "debone meat").
     */
    void skills(Occupation occupation, List<String> essential, List<String> optional) {
        Map<String, Double> tf = skillWords.computeIfAbsent(occupation, o -> new HashMap<>());
        for (String label : essential) {
            for (String term : skillLabelTerms.computeIfAbsent(label, l -> analyse(tokens(l), Set.of()).terms)) {
                tf.merge(term, 1.0, Double::sum);
            }
        }
        for (String label : optional) {
            for (String term : skillLabelTerms.computeIfAbsent(label, l -> analyse(tokens(l), Set.of()).terms)) {
                tf.merge(term, OPTIONAL_SKILL, Double::sum);
            }
        }
    }

    void seal() {
        int nAliases = aliasOwner.size();
        Map<Occupation, Integer> occIndex = new HashMap<>();
        List<Occupation> occs = new ArrayList<>();
        aliasOcc = new int[nAliases];
        List<Integer> firsts = new ArrayList<>();
        for (int a = 0; a < nAliases; a++) {
            Occupation o = aliasOwner.get(a);
            Integer id = occIndex.get(o);
            if (id == null) {
                id = occs.size();
                occIndex.put(o, id);
                occs.add(o);
                firsts.add(a);
            }
            aliasOcc[a] = id;
        }
        occupations = occs.toArray(Occupation[]::new);
        firstAlias = firsts.stream().mapToInt(Integer::intValue).toArray();
        int nOcc = occupations.length;
        Set<String> words = new HashSet<>();
        for (String[] t : aliasTokens) {
            words.addAll(Arrays.asList(t));
        }
        vocabulary = words;

        Map<String, Integer> terms = new HashMap<>();
        List<List<int[]>> termPost = new ArrayList<>();
        List<Map<Integer, Integer>> occTf = new ArrayList<>();
        List<Map<Integer, Integer>> occHeadTf = new ArrayList<>();
        List<Map<Integer, Integer>> occGramTf = new ArrayList<>();
        List<List<Set<String>>> occAliasTerms = new ArrayList<>();
        for (int o = 0; o < nOcc; o++) {
            occTf.add(new HashMap<>());
            occHeadTf.add(new HashMap<>());
            occGramTf.add(new HashMap<>());
            occAliasTerms.add(new ArrayList<>());
        }
        Map<String, Integer> grams = new HashMap<>();
        int[] aliasesOf = new int[nOcc];
        int[] occLength = new int[nOcc];
        for (int a = 0; a < nAliases; a++) {
            Analysed an = analyse(aliasTokens.get(a), vocabulary);
            int o = aliasOcc[a];
            aliasesOf[o]++;
            occLength[o] += an.terms.length;
            occAliasTerms.get(o).add(new HashSet<>(Arrays.asList(an.terms)));
            for (int i = 0; i < an.terms.length; i++) {
                int id = terms.computeIfAbsent(an.terms[i], x -> terms.size());
                if (id == termPost.size()) {
                    termPost.add(new ArrayList<>());
                }
                termPost.get(id).add(new int[] {a, an.head[i] ? 1 : 0});
                occTf.get(o).merge(id, 1, Integer::sum);
                if (an.head[i]) {
                    occHeadTf.get(o).merge(id, 1, Integer::sum);
                }
            }
            for (String g : an.grams) {
                int id = grams.computeIfAbsent(g, x -> grams.size());
                occGramTf.get(o).merge(id, 1, Integer::sum);
            }
        }
        int nTerms = terms.size();
        int[] termDfOcc = new int[nTerms];
        for (Map<Integer, Integer> tf : occTf) {
            for (int t : tf.keySet()) {
                termDfOcc[t]++;
            }
        }
        termIdf = new double[nTerms];
        termOccIdf = new double[nTerms];
        termAliases = new int[nTerms][];
        termAliasWeight = new float[nTerms][];
        aliasTotal = new double[nAliases];
        aliasHeadWeight = new double[nAliases];
        termAliasHead = new boolean[nTerms][];
        for (int t = 0; t < nTerms; t++) {
            List<int[]> post = termPost.get(t);
            termIdf[t] = Math.log(1 + (double) nAliases / post.size());
            termOccIdf[t] = Math.log(1 + (double) nOcc / termDfOcc[t]);
            termAliases[t] = new int[post.size()];
            termAliasWeight[t] = new float[post.size()];
            termAliasHead[t] = new boolean[post.size()];
            for (int i = 0; i < post.size(); i++) {
                int a = post.get(i)[0];
                if (post.get(i)[1] == 1) {
                    termAliasHead[t][i] = true;
                    aliasHeadWeight[a] = termIdf[t];
                }
                termAliases[t][i] = a;
                termAliasWeight[t][i] = (float) termIdf[t];
                aliasTotal[a] += termIdf[t];
            }
        }
        double[] tw = termOccIdf;
        Postings words2 = postings(occTf, nTerms, (o, t, tf) -> (1 + Math.log(tf)) * tw[t], true);
        termOccs = words2.ids;
        termOccWeight = words2.weights;
        // BM25 of the occupation's aliases as one document (same postings order as termOccs)
        termBm25Idf = new double[nTerms];
        for (int t = 0; t < nTerms; t++) {
            termBm25Idf[t] = Math.log(1 + (nOcc - termDfOcc[t] + 0.5) / (termDfOcc[t] + 0.5));
        }
        double avgLength = Arrays.stream(occLength).average().orElse(1);
        double[] bi = termBm25Idf;
        termOccBm25 = postings(occTf, nTerms, (o, t, tf) -> bi[t] * tf * (K1 + 1)
                / (tf + K1 * (1 - B + B * occLength[o] / avgLength)), false).weights;
        Postings heads = postings(occHeadTf, nTerms, (o, t, tf) -> 0, false);
        headOccs = heads.ids;
        headOccWeight = new float[nTerms][];
        for (int t = 0; t < nTerms; t++) {
            headOccWeight[t] = new float[headOccs[t].length];
            for (int i = 0; i < headOccs[t].length; i++) {
                int o = headOccs[t][i];
                headOccWeight[t][i] = (float) occHeadTf.get(o).get(t) / aliasesOf[o];
            }
        }
        int nGrams = grams.size();
        int[] gramDf = new int[nGrams];
        for (Map<Integer, Integer> tf : occGramTf) {
            for (int g : tf.keySet()) {
                gramDf[g]++;
            }
        }
        gramIdf = new double[nGrams];
        for (int g = 0; g < nGrams; g++) {
            gramIdf[g] = Math.log(1 + (double) nOcc / gramDf[g]);
        }
        double[] gw = gramIdf;
        Postings gp = postings(occGramTf, nGrams, (o, g, tf) -> (1 + Math.log(tf)) * gw[g], true);
        gramOccs = gp.ids;
        // the commonest trigrams ("er#", "#co") say little and cost the most: out of the query side
        for (int g = 0; g < nGrams; g++) {
            if (gramDf[g] > GRAM_MAX_SHARE * nOcc) {
                gramIdf[g] = 0;
            }
        }
        gramOccWeight = gp.weights;
        int maxAliases = Arrays.stream(aliasesOf).max().orElse(1);
        prior = new double[nOcc];
        for (int o = 0; o < nOcc; o++) {
            prior[o] = Math.log(1 + aliasesOf[o]) / Math.log(1 + maxAliases);
        }
        sealSkills(occIndex);
        learnSynonyms(occAliasTerms, terms);
        termId = terms;
        gramId = grams;
        int nA = nAliases;
        int nO = nOcc;
        scratch = ThreadLocal.withInitial(() -> new Scratch(nA, nO));
    }

    private record Postings(int[][] ids, float[][] weights) {
    }

    private interface Weight {
        double of(int occupation, int term, double tf);
    }

    /** The skill field: TF-IDF over each occupation's skill words, cosine-normalised per occupation. */
    private void sealSkills(Map<Occupation, Integer> occIndex) {
        int nOcc = occupations.length;
        Map<String, Integer> ids = new HashMap<>();
        List<Map<Integer, Double>> tfs = new ArrayList<>(nOcc);
        for (int o = 0; o < nOcc; o++) {
            tfs.add(new HashMap<>());
        }
        skillWords.forEach((occupation, tf) -> {
            Integer o = occIndex.get(occupation);
            if (o != null) {
                tf.forEach((term, w) -> tfs.get(o).merge(ids.computeIfAbsent(term, x -> ids.size()), w, Double::sum));
            }
        });
        int n = ids.size();
        int[] df = new int[n];
        for (Map<Integer, Double> tf : tfs) {
            for (int t : tf.keySet()) {
                df[t]++;
            }
        }
        skillIdf = new double[n];
        for (int t = 0; t < n; t++) {
            skillIdf[t] = Math.log(1 + (double) nOcc / df[t]);
        }
        double[] idf = skillIdf;
        Postings p = postings(tfs, n, (o, t, tf) -> Math.log(1 + tf) * idf[t], true);
        skillOccs = p.ids;
        skillOccWeight = p.weights;
        skillCommon = new boolean[n];
        for (int t = 0; t < n; t++) {
            skillCommon[t] = df[t] > Math.max(SKILL_MAX_SHARE * nOcc, SKILL_COMMON_MIN);
        }
        skillTermId = ids;
        skillWords = Map.of();
        skillLabelTerms = Map.of();
    }

    /** Inverts per-occupation term frequencies into per-term postings (optionally L2-normalised per occupation). */
    private static <N extends Number> Postings postings(List<Map<Integer, N>> tfs, int n, Weight weight,
                                                        boolean normalise) {
        int[] count = new int[n];
        for (Map<Integer, N> tf : tfs) {
            for (int t : tf.keySet()) {
                count[t]++;
            }
        }
        int[][] ids = new int[n][];
        float[][] ws = new float[n][];
        for (int t = 0; t < n; t++) {
            ids[t] = new int[count[t]];
            ws[t] = new float[count[t]];
        }
        int[] fill = new int[n];
        for (int o = 0; o < tfs.size(); o++) {
            double norm = 0;
            for (var e : tfs.get(o).entrySet()) {
                double w = weight.of(o, e.getKey(), e.getValue().doubleValue());
                norm += w * w;
            }
            norm = normalise && norm > 0 ? Math.sqrt(norm) : 1;
            for (var e : tfs.get(o).entrySet()) {
                int t = e.getKey();
                ids[t][fill[t]] = o;
                ws[t][fill[t]++] = (float) (weight.of(o, t, e.getValue().doubleValue()) / norm);
            }
        }
        return new Postings(ids, ws);
    }

    /** Two aliases of one occupation that differ in exactly one word each make the two words substitutes. */
    private void learnSynonyms(List<List<Set<String>>> occAliasTerms, Map<String, Integer> terms) {
        Map<String, Map<String, Integer>> subs = new HashMap<>();
        for (List<Set<String>> list : occAliasTerms) {
            for (int i = 0; i < list.size(); i++) {
                for (int k = i + 1; k < list.size(); k++) {
                    String x = onlyOne(list.get(i), list.get(k));
                    String y = x == null ? null : onlyOne(list.get(k), list.get(i));
                    if (y != null) {
                        subs.computeIfAbsent(x, z -> new HashMap<>()).merge(y, 1, Integer::sum);
                        subs.computeIfAbsent(y, z -> new HashMap<>()).merge(x, 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, int[]> ids = new HashMap<>();
        Map<String, float[]> ws = new HashMap<>();
        subs.forEach((x, m) -> {
            int total = m.values().stream().mapToInt(Integer::intValue).sum();
            List<Map.Entry<String, Integer>> keep = m.entrySet().stream()
                    .filter(e -> e.getValue() >= SYN_MIN && terms.containsKey(e.getKey()))
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .toList();
            if (!keep.isEmpty()) {
                int[] i = new int[keep.size()];
                float[] w = new float[keep.size()];
                for (int k = 0; k < keep.size(); k++) {
                    i[k] = terms.get(keep.get(k).getKey());
                    w[k] = (float) (SYN * keep.get(k).getValue() / (total + 2));
                }
                ids.put(x, i);
                ws.put(x, w);
            }
        });
        synonymIds = ids;
        synonymWeights = ws;
    }

    /** The one element of {@code a} not in {@code b}, or null when there are none or several. */
    private static String onlyOne(Set<String> a, Set<String> b) {
        String only = null;
        for (String t : a) {
            if (!b.contains(t)) {
                if (only != null) {
                    return null;
                }
                only = t;
            }
        }
        return only;
    }

    record Analysed(String[] terms, boolean[] head, List<String> grams) {
    }

    /** Stop words out, gendered forms folded, words stemmed, the head marked, trigrams of the words. */
    static Analysed analyse(String[] tokens, Set<String> vocabulary) {
        String[] words = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            words[i] = fold(tokens[i], vocabulary);
        }
        int head = -1;
        for (int i = 1; i < words.length; i++) {
            if (HEAD_BREAKS.contains(words[i])) {
                head = i - 1;
                break;
            }
        }
        for (int i = words.length - 1; head < 0 && i >= 0; i--) {
            if (!STOP_WORDS.contains(words[i])) {
                head = i;
            }
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        List<String> grams = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (STOP_WORDS.contains(w)) {
                continue;
            }
            out.merge(TitleStemmer.stem(w), i == head, Boolean::logicalOr);
            if (w.length() > 1 && !isCjk(w.codePointAt(0))) {
                String padded = "#" + w + "#";
                for (int g = 0; g + 3 <= padded.length(); g++) {
                    grams.add(padded.substring(g, g + 3));
                }
            }
        }
        String[] terms = out.keySet().toArray(String[]::new);
        boolean[] heads = new boolean[terms.length];
        for (int i = 0; i < terms.length; i++) {
            heads[i] = out.get(terms[i]);
        }
        return new Analysed(terms, heads, grams);
    }

    private static final String[] PERSON_SUFFIXES = {"woman", "women", "person", "people", "men"};

    /** Gendered and variant forms to one: chairwoman/chairperson to chairman, waitress to waiter (when known). */
    static String fold(String w, Set<String> vocabulary) {
        for (String suffix : PERSON_SUFFIXES) {
            if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
                return w.substring(0, w.length() - suffix.length()) + "man";
            }
        }
        if (w.length() > 6 && w.endsWith("ess") && !w.endsWith("ness")) {
            String stem = w.substring(0, w.length() - 3);
            if (w.endsWith("tress")) {
                String root = w.substring(0, w.length() - 5);
                if (vocabulary.contains(root + "ter")) {
                    return root + "ter";
                }
                if (vocabulary.contains(root + "tor")) {
                    return root + "tor";
                }
            }
            if (vocabulary.contains(stem)) {
                return stem;
            }
            if (vocabulary.contains(stem + "er")) {
                return stem + "er";
            }
        }
        return w;
    }

    List<Occupation> rank(String normalisedTitle, int limit) {
        return scored(normalisedTitle, limit).stream().map(TitleMatch::occupation).toList();
    }

    /**
     * Occupations for a title, ranked by the weighted feature sum, with a confidence in [0, 1]: 1 for an
     * exact alias, else the word overlap (generalised Dice) with the occupation's best alias.
     */
    List<TitleMatch> scored(String normalisedTitle, int limit) {
        List<TitleMatch> result = new ArrayList<>(Math.max(0, limit));
        List<Occupation> hits = exact.getOrDefault(normalisedTitle, List.of());
        for (int i = 0; i < hits.size() && i < limit; i++) {
            result.add(new TitleMatch(hits.get(i), 1.0, "alias"));
        }
        int want = limit - result.size();
        if (want <= 0 || occupations.length == 0) {
            return result;
        }
        Scratch s = scratch.get();
        int n = features(normalisedTitle, s, used);
        int[] top = new int[want];
        double[] topScore = new double[want];
        int filled = 0;
        for (int i = 0; i < n; i++) {
            int o = s.touched[i];
            if (!hits.isEmpty() && hits.contains(occupations[o])) {
                continue;
            }
            double score = 0;
            for (int f : active) {
                score += weights[f] * s.feature[f][o];
            }
            if (score <= 0) {
                continue;
            }
            int pos = filled;
            while (pos > 0 && better(score, o, topScore[pos - 1], top[pos - 1])) {
                pos--;
            }
            if (pos < want) {
                int move = Math.min(filled, want - 1) - pos;
                System.arraycopy(top, pos, top, pos + 1, move);
                System.arraycopy(topScore, pos, topScore, pos + 1, move);
                top[pos] = o;
                topScore[pos] = score;
                filled = Math.min(want, filled + 1);
            }
        }
        for (int i = 0; i < filled; i++) {
            result.add(new TitleMatch(occupations[top[i]], Math.min(1.0, s.feature[F_BEST][top[i]]), "words"));
        }
        s.clear(n);
        return result;
    }

    private boolean better(double score, int o, double otherScore, int other) {
        return score > otherScore || score == otherScore && occupations[o].key().compareTo(occupations[other].key()) < 0;
    }

    /** Feature rows of every occupation that shares anything with the title (for tuning the weights). */
    Map<Occupation, double[]> featureRows(String normalisedTitle) {
        Map<Occupation, double[]> rows = new HashMap<>();
        if (occupations.length == 0) {
            return rows;
        }
        Scratch s = scratch.get();
        int n = features(normalisedTitle, s, ALL);
        for (int i = 0; i < n; i++) {
            int o = s.touched[i];
            double[] row = new double[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                row[f] = s.feature[f][o];
            }
            rows.put(occupations[o], row);
        }
        s.clear(n);
        return rows;
    }

    /** Fills the scratch with the features of the occupations the title touches; returns how many. */
    private int features(String normalisedTitle, Scratch s, boolean[] on) {
        Analysed q = analyse(tokens(normalisedTitle), vocabulary);
        // the title's terms, then learned substitutes at a discount
        int[] qt = new int[16];
        double[] qf = new double[16];
        boolean[] qh = new boolean[16];
        int nq = 0;
        double queryTotal = 0;
        double occNorm = 0;
        int headTerm = -1;
        for (int i = 0; i < q.terms.length; i++) {
            Integer t = termId.get(q.terms[i]);
            int[] syn = synonymIds.get(q.terms[i]);
            int extra = syn == null ? 0 : Math.min(syn.length, SYN_MAX);
            if (nq + 1 + extra > qt.length) {
                int size = Math.max(qt.length * 2, nq + 1 + extra);
                qt = Arrays.copyOf(qt, size);
                qf = Arrays.copyOf(qf, size);
                qh = Arrays.copyOf(qh, size);
            }
            if (t != null) {
                queryTotal += termIdf[t];
                occNorm += termOccIdf[t] * termOccIdf[t];
                qt[nq] = t;
                qf[nq] = 1;
                qh[nq++] = q.head[i];
                if (q.head[i]) {
                    headTerm = t;
                }
            }
            if (syn != null) {
                float[] sw = synonymWeights.get(q.terms[i]);
                for (int k = 0; k < extra; k++) {
                    if (sw[k] > SYN_MIN_WEIGHT) {
                        qt[nq] = syn[k];
                        qf[nq] = sw[k];
                        qh[nq++] = q.head[i];
                    }
                }
            }
        }
        double[][] feature = s.feature;
        int[] touchedAliases = s.touchedAliases;
        double[] overlap = s.aliasOverlap;
        double[] headOverlap = s.aliasHeadOverlap;
        int na = 0;
        for (int i = 0; i < nq; i++) {
            int t = qt[i];
            double f = qf[i];
            if (f <= 0) {
                continue;
            }
            double w = f * termIdf[t];
            int[] ids = termAliases[t];
            float[] ws = termAliasWeight[t];
            boolean[] hs0 = termAliasHead[t];
            for (int k = 0; k < ids.length; k++) {
                int a = ids[k];
                if (overlap[a] == 0) {
                    touchedAliases[na++] = a;
                }
                double m = Math.min(w, ws[k]);
                overlap[a] += m;
                if (qh[i] && hs0[k]) {
                    headOverlap[a] += m;
                }
            }
            double ow = f * termOccIdf[t];
            int[] os = termOccs[t];
            float[] owt = termOccWeight[t];
            float[] obm = termOccBm25[t];
            for (int k = 0; k < os.length; k++) {
                int o = s.touch(os[k]);
                feature[F_OCC][o] += ow * owt[k];
                feature[F_COV][o] += ow;
                feature[F_BM25][o] += f * obm[k];
            }
            if (qh[i] && (on[F_HEADFRAC] || on[F_HEADANY])) {
                int[] hs = headOccs[t];
                float[] hw = headOccWeight[t];
                for (int k = 0; k < hs.length; k++) {
                    int o = hs[k];
                    feature[F_HEADFRAC][o] = Math.max(feature[F_HEADFRAC][o], f * hw[k]);
                    if (t == headTerm) {
                        feature[F_HEADANY][o] = 1;
                    }
                }
            }
        }
        if (headTerm >= 0 && on[F_HEADVOC]) {
            for (int o : termOccs[headTerm]) {
                feature[F_HEADVOC][o] = 1;
            }
        }
        double queryHead = headTerm >= 0 ? termIdf[headTerm] : 0;
        double occNormRoot = Math.sqrt(occNorm);
        double covTotal = 0;
        for (int i = 0; i < nq; i++) {
            if (qf[i] == 1) {
                covTotal += termOccIdf[qt[i]];
            }
        }
        if (queryTotal > 0) {
            for (int i = 0; i < na; i++) {
                int a = touchedAliases[i];
                double dice = Math.min(1, 2 * overlap[a] / (queryTotal + aliasTotal[a]));
                int o = aliasOcc[a];
                if (dice > feature[F_BEST][o]) {
                    feature[F_BEST][o] = dice;
                }
                feature[F_SUM][o] += dice * dice;
                if (firstAlias[o] == a) {
                    feature[F_FIRST][o] = dice;
                }
                if (!on[F_BESTHEAD]) {
                    continue;
                }
                double headed = Math.min(1, 2 * (overlap[a] + headOverlap[a])
                        / (queryTotal + queryHead + aliasTotal[a] + aliasHeadWeight[a]));
                if (headed > feature[F_BESTHEAD][o]) {
                    feature[F_BESTHEAD][o] = headed;
                }
            }
        }
        for (int i = 0; i < na; i++) {
            overlap[touchedAliases[i]] = 0;
            headOverlap[touchedAliases[i]] = 0;
        }
        // character trigrams of the title's words against each occupation's
        Map<Integer, Integer> gtf = new HashMap<>();
        for (String g : on[F_GRAM] ? q.grams : List.<String>of()) {
            Integer id = gramId.get(g);
            if (id != null) {
                gtf.merge(id, 1, Integer::sum);
            }
        }
        double gn = 0;
        for (var e : gtf.entrySet()) {
            double w = (1 + Math.log(e.getValue())) * gramIdf[e.getKey()];
            gn += w * w;
        }
        gn = Math.sqrt(gn);
        for (var e : gtf.entrySet()) {
            if (gramIdf[e.getKey()] == 0) {
                continue;
            }
            double w = (1 + Math.log(e.getValue())) * gramIdf[e.getKey()] / gn;
            int[] os = gramOccs[e.getKey()];
            float[] ow = gramOccWeight[e.getKey()];
            for (int k = 0; k < os.length; k++) {
                feature[F_GRAM][s.touch(os[k])] += w * ow[k];
            }
        }
        if (on[F_SKILL]) {
            skillFeature(q.terms, s);
        }
        double bm25Max = 0;
        for (int i = 0; i < nq; i++) {
            if (qf[i] == 1) {
                bm25Max += termBm25Idf[qt[i]] * (K1 + 1);
            }
        }
        int n = s.touchedCount;
        for (int i = 0; i < n; i++) {
            int o = s.touched[i];
            feature[F_BM25][o] = bm25Max > 0 ? feature[F_BM25][o] / bm25Max : 0;
            feature[F_OCC][o] = occNormRoot > 0 ? feature[F_OCC][o] / occNormRoot : 0;
            feature[F_COV][o] = covTotal > 0 ? Math.min(1, feature[F_COV][o] / covTotal) : 0;
            feature[F_SUM][o] = Math.log(1 + feature[F_SUM][o]);
            feature[F_PRIOR][o] = on[F_PRIOR] ? prior[o] : 0;
        }
        return n;
    }

    /** The title's words against each occupation's skill words: TF-IDF cosine (words of no alias count too). */
    private void skillFeature(String[] terms, Scratch s) {
        double norm = 0;
        for (String term : terms) {
            Integer t = skillTermId.get(term);
            if (t != null) {
                norm += skillIdf[t] * skillIdf[t];
            }
        }
        if (norm == 0) {
            return;
        }
        norm = Math.sqrt(norm);
        double[] feature = s.feature[F_SKILL];
        for (String term : terms) {
            Integer t = skillTermId.get(term);
            if (t == null) {
                continue;
            }
            double w = skillIdf[t] / norm;
            int[] os = skillOccs[t];
            float[] ow = skillOccWeight[t];
            if (skillCommon[t]) {
                for (int k = 0; k < os.length; k++) {
                    if (s.isTouched[os[k]]) {
                        feature[os[k]] += w * ow[k];
                    }
                }
            } else {
                for (int k = 0; k < os.length; k++) {
                    feature[s.touch(os[k])] += w * ow[k];
                }
            }
        }
    }

    /** Per-thread accumulators, cleared after each title (only the entries it touched). */
    private static final class Scratch {
        final double[] aliasOverlap;
        final double[] aliasHeadOverlap;
        final int[] touchedAliases;
        final double[][] feature;
        final boolean[] isTouched;
        final int[] touched;
        int touchedCount;

        Scratch(int aliases, int occupations) {
            aliasOverlap = new double[aliases];
            aliasHeadOverlap = new double[aliases];
            touchedAliases = new int[aliases];
            feature = new double[FEATURES][occupations];
            isTouched = new boolean[occupations];
            touched = new int[occupations];
        }

        int touch(int o) {
            if (!isTouched[o]) {
                isTouched[o] = true;
                touched[touchedCount++] = o;
            }
            return o;
        }

        void clear(int n) {
            for (int i = 0; i < n; i++) {
                int o = touched[i];
                isTouched[o] = false;
                for (double[] f : feature) {
                    f[o] = 0;
                }
            }
            touchedCount = 0;
        }
    }

    /** Latin words as they are; CJK runs as character bigrams (and the single character of a run of one). */
    static String[] tokens(String normalised) {
        List<String> out = new ArrayList<>();
        StringBuilder cjk = new StringBuilder();
        for (String word : normalised.split(" ")) {
            int i = 0;
            StringBuilder latin = new StringBuilder();
            while (i < word.length()) {
                int cp = word.codePointAt(i);
                if (isCjk(cp)) {
                    flushLatin(latin, out);
                    cjk.appendCodePoint(cp);
                } else {
                    flushCjk(cjk, out);
                    latin.appendCodePoint(cp);
                }
                i += Character.charCount(cp);
            }
            flushLatin(latin, out);
            flushCjk(cjk, out);
        }
        return out.toArray(String[]::new);
    }

    private static void flushLatin(StringBuilder latin, List<String> out) {
        if (!latin.isEmpty()) {
            out.add(latin.toString());
            latin.setLength(0);
        }
    }

    private static void flushCjk(StringBuilder cjk, List<String> out) {
        if (cjk.isEmpty()) {
            return;
        }
        String run = cjk.toString();
        if (run.length() == 1) {
            out.add(run);
        }
        for (int i = 0; i + 1 < run.length(); i++) {
            out.add(run.substring(i, i + 2));
        }
        cjk.setLength(0);
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** The occupations a normalised title is an alias of, in the order ranking lists them. */
    List<Occupation> aliasOwners(String normalisedTitle) {
        return exact.getOrDefault(normalisedTitle, List.of());
    }

    Set<String> exactAliases() {
        return exact.keySet();
    }

    int aliasCount() {
        return aliasOwner.size();
    }
}
