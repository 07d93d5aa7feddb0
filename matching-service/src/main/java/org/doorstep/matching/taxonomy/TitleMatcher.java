package org.doorstep.matching.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks occupations for a job title: an exact alias wins; otherwise the aliases sharing the most
 * informative tokens (inverse document frequency over all aliases, Latin words and CJK character
 * bigrams) win, each occupation scored by its best alias.
 */
final class TitleMatcher {

    private final List<Occupation> aliasOwner = new ArrayList<>();
    private final List<String[]> aliasTokens = new ArrayList<>();
    private final Map<String, Occupation> exact = new HashMap<>();
    private Map<String, int[]> postings = Map.of();
    private Map<String, Double> idf = Map.of();
    private final Map<String, List<Integer>> building = new HashMap<>();

    void add(String normalisedAlias, Occupation occupation) {
        if (normalisedAlias.isEmpty()) {
            return;
        }
        exact.putIfAbsent(normalisedAlias, occupation);
        String[] tokens = tokens(normalisedAlias);
        if (tokens.length == 0) {
            return;
        }
        int id = aliasOwner.size();
        aliasOwner.add(occupation);
        aliasTokens.add(tokens);
        for (String token : new LinkedHashSet<>(Arrays.asList(tokens))) {
            building.computeIfAbsent(token, t -> new ArrayList<>()).add(id);
        }
    }

    void seal() {
        Map<String, int[]> sealed = new HashMap<>(building.size() * 2);
        Map<String, Double> weights = new HashMap<>(building.size() * 2);
        double n = aliasOwner.size();
        building.forEach((token, ids) -> {
            sealed.put(token, ids.stream().mapToInt(Integer::intValue).toArray());
            weights.put(token, Math.log(1 + n / ids.size()));
        });
        postings = sealed;
        idf = weights;
    }

    List<Occupation> rank(String normalisedTitle, int limit) {
        return scored(normalisedTitle, limit).stream().map(TitleMatch::occupation).toList();
    }

    /** Occupations for a title with a confidence in [0, 1]: 1 for an exact alias, else the token overlap. */
    List<TitleMatch> scored(String normalisedTitle, int limit) {
        List<TitleMatch> result = new ArrayList<>(limit);
        Occupation hit = exact.get(normalisedTitle);
        if (hit != null) {
            result.add(new TitleMatch(hit, 1.0, "alias"));
        }
        String[] query = tokens(normalisedTitle);
        Map<Integer, Double> aliasScore = new HashMap<>();
        double queryWeight = 0;
        for (String token : new LinkedHashSet<>(Arrays.asList(query))) {
            Double w = idf.get(token);
            if (w == null) {
                continue;
            }
            queryWeight += w;
            for (int id : postings.get(token)) {
                aliasScore.merge(id, w, Double::sum);
            }
        }
        if (queryWeight == 0) {
            return result;
        }
        final double q = queryWeight;
        Map<Occupation, Double> best = new HashMap<>();
        aliasScore.forEach((id, overlap) -> {
            double aliasWeight = 0;
            for (String t : aliasTokens.get(id)) {
                aliasWeight += idf.getOrDefault(t, 0.0);
            }
            // Dice-like: shared information over the information of both sides.
            double score = 2 * overlap / (q + aliasWeight);
            best.merge(aliasOwner.get(id), score, Math::max);
        });
        best.entrySet().stream()
                .sorted(Map.Entry.<Occupation, Double>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().key()))
                .filter(e -> hit == null || !e.getKey().equals(hit))
                .limit(Math.max(0, limit - result.size()))
                .forEach(e -> result.add(new TitleMatch(e.getKey(), Math.min(1.0, e.getValue()), "words")));
        return result;
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

    Set<String> exactAliases() {
        return exact.keySet();
    }

    int aliasCount() {
        return aliasOwner.size();
    }
}
