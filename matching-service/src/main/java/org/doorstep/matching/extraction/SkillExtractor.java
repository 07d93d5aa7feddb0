package org.doorstep.matching.extraction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.matching.taxonomy.LabelNormaliser;
import org.doorstep.matching.taxonomy.Occupation;
import org.doorstep.matching.taxonomy.Taxonomy;

/**
 * Finds taxonomy skills and occupations in free text (English or Chinese), as JobTech's JobAd
 * Enrichments does: a dictionary of every normalised label and alias, matched against the text's word
 * n-grams (longest first, up to {@link #MAX_WORDS} words; a Chinese run is scanned by substrings).
 * <p>
 * Confidence of one mention grows with the length of the phrase (a one-word alias such as "design" is
 * ambiguous, "design user interfaces" is not); several mentions combine as independent evidence,
 * {@code 1 - prod(1 - c)}, at most 0.99; for an occupation, a wording repeated in running text counts once (an IT
 * resume that says "servers" five times names no waiter: "server" is a waiter's alias), while every mention that
 * starts a line counts (a work history's titles: "Sous Chef Jul 2010"). One- and two-letter words and common English words never count
 * alone, nor do ESCO's one-word alternative labels. Occupations named near the start of the text (a resume's headline, a posting's first line) get
 * more confidence, and a short first line is read as a job title (see {@link #headline}).
 */
public final class SkillExtractor {

    static final int MAX_WORDS = 8;
    private static final int MAX_CJK = 12;
    private static final int HEADLINE = 200;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}+#]+(?:\\.[\\p{L}\\p{N}]+)*");
    private static final Set<String> STOP = Set.of("a", "an", "and", "the", "of", "in", "on", "for", "to", "with",
            "at", "by", "from", "as", "or", "is", "be", "it", "we", "our", "you", "your", "will", "can", "all",
            "work", "working", "lead", "support", "team", "manage", "management", "service", "services", "plan",
            "order", "business", "product", "customer", "client", "project", "staff", "care", "office", "company",
            "training", "development", "operation", "operations", "use", "new", "sale", "sales", "report", "data",
            "system", "systems", "process", "quality", "control", "design", "research", "marketing", "planning",
            "communication", "technology", "skill", "state", "city", "name", "present", "current", "experience");

    /**
     * Chinese words of job ads that name no skill there although a built-in skill has them as aliases (a seeker's
     * skill "招聘" is still recruitment): "招聘" opens nearly every ad ("hiring"), pay, bonus and training are benefits
     * ("薪酬福利", "绩效奖金", "岗前培训"), "安全" is workplace safety more often than network security; the rest as
     * their English words in {@link #STOP}.
     */
    private static final Set<String> STOP_CJK = Set.of("招聘", "培训", "薪酬", "绩效", "管理", "安全", "数据", "研发",
            "运营", "沟通", "销售");

    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "and", "the", "of", "in", "on", "for", "to",
            "with", "at", "by", "from", "as", "or", "is", "be", "it");
    private static final int HEADLINE_WORDS = 8;

    private final Taxonomy taxonomy;
    private final Map<String, Integer> skills = new HashMap<>();
    /** Skill aliases made from a label's object ("carry out wound care": "wound care"); see {@link ObjectPhrases}. */
    private final Set<String> objectPhrases;
    private final Map<String, Occupation> occupations = new HashMap<>();

    public SkillExtractor(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        taxonomy.forEachSkillAlias((alias, ord) -> {
            var concept = taxonomy.concept(ord);
            if (countable(alias, curated(concept.key()) || LabelNormaliser.normalise(concept.label()).equals(alias))) {
                skills.putIfAbsent(alias, ord);
            }
        });
        this.objectPhrases = ObjectPhrases.addTo(skills, alias -> countable(alias, false));
        taxonomy.forEachOccupationAlias((alias, occupation) -> {
            if (countable(alias, taxonomy.curatedOccupationAlias(alias) || LabelNormaliser.normalise(occupation.label()).equals(alias))) {
                occupations.putIfAbsent(alias, occupation);
            }
        });
    }

    /** The built-in vocabulary's skill aliases were written for this project, ESCO's alternative labels were not. */
    private static boolean curated(String key) {
        return key.startsWith("skill:");
    }

    /**
     * A one-word alias counts only when it is the concept's preferred label or a curated alias: ESCO's
     * one-word alternative labels ("space", "standard", "general") name too many other things.
     */
    private static boolean countable(String alias, boolean preferred) {
        if (alias.isEmpty()) {
            return false;
        }
        String[] words = alias.split(" ");
        if (FUNCTION_WORDS.contains(words[0]) || FUNCTION_WORDS.contains(words[words.length - 1])) {
            return false; // a fragment such as "and procedures": not a name of anything
        }
        if (alias.indexOf(' ') < 0) {
            if (!preferred) {
                return false;
            }
            boolean cjk = alias.codePoints().anyMatch(SkillExtractor::isCjk);
            return cjk ? alias.length() >= 2 && !STOP_CJK.contains(alias) : alias.length() > 2 && !STOP.contains(alias)
                    || alias.contains("+") || alias.contains("#");
        }
        return true;
    }

    /** The skills and occupations in {@code text}, most confident first, at most {@code limit} of each. */
    public Extraction extract(String text, int limit) {
        List<Token> tokens = tokens(text);
        Map<Object, Mentions> foundSkills = new LinkedHashMap<>();
        Map<Object, Mentions> foundOccupations = new LinkedHashMap<>();
        scan(text, tokens, skills, foundSkills, false);
        scan(text, tokens, occupations, foundOccupations, true);
        headline(text, foundOccupations);
        List<FoundConcept> skillList = new ArrayList<>();
        foundSkills.forEach((ord, m) -> {
            int o = (Integer) ord;
            skillList.add(new FoundConcept(taxonomy.concept(o).key(), taxonomy.skillLabel(o), null, m.confidence(), m.spans));
        });
        List<FoundConcept> occupationList = new ArrayList<>();
        foundOccupations.forEach((occupation, m) -> {
            Occupation o = (Occupation) occupation;
            occupationList.add(new FoundConcept(o.key(), o.label(), o.isco(), m.confidence(), m.spans));
        });
        return new Extraction(top(skillList, limit), top(occupationList, limit));
    }

    private static List<FoundConcept> top(List<FoundConcept> found, int limit) {
        found.sort(Comparator.comparingDouble(FoundConcept::confidence).reversed()
                .thenComparing(f -> f.spans().getFirst().start()).thenComparing(FoundConcept::uri));
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
    }

    /** {@code occupation}: the dictionary names occupations (the headline counts more, a repeated wording not). */
    private <T> void scan(String text, List<Token> tokens, Map<String, T> dictionary, Map<Object, Mentions> found,
                          boolean occupation) {
        int i = 0;
        while (i < tokens.size()) {
            Token first = tokens.get(i);
            if (first.cjk()) {
                scanCjk(text, first, dictionary, found, occupation);
                i++;
                continue;
            }
            int matched = 0;
            T concept = null;
            String matchedPhrase = null;
            StringBuilder phrase = new StringBuilder();
            for (int n = 1; n <= MAX_WORDS && i + n <= tokens.size(); n++) {
                Token t = tokens.get(i + n - 1);
                if (t.cjk() || n > 1 && !adjacent(text, tokens.get(i + n - 2), t)) {
                    break;
                }
                if (n > 1) {
                    phrase.append(' ');
                }
                phrase.append(t.normalised());
                String key = phrase.toString();
                T hit = dictionary.get(key);
                if (hit != null) {
                    matched = n;
                    concept = hit;
                    matchedPhrase = key;
                }
            }
            if (concept == null) {
                i++;
                continue;
            }
            int start = first.start();
            int end = tokens.get(i + matched - 1).end();
            double confidence = (matched == 1 ? 0.5 : matched == 2 ? 0.75 : 0.9)
                    * (objectPhrases.contains(matchedPhrase) ? ObjectPhrases.CONFIDENCE : 1);
            if (occupation && start < HEADLINE) {
                confidence = Math.min(0.99, confidence + 0.2);
            }
            found.computeIfAbsent(concept, k -> new Mentions()).add(confidence, matchedPhrase,
                    new Span(start, end, text.substring(start, end)), !occupation || startsLine(text, start));
            i += matched;
        }
    }

    /**
     * A short first line (a resume's or a posting's title: "LEAD TEACHER", "Senior Java developer") is read
     * as a job title through title normalisation, which knows more wordings than the alias dictionary; its
     * confidence follows the normaliser's (an exact title 0.99, a word overlap of 0.5 about 0.8).
     */
    private void headline(String text, Map<Object, Mentions> found) {
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        String line = text.substring(start, end).strip();
        if (line.isEmpty() || end == text.length() || line.split("\\s+").length > HEADLINE_WORDS) {
            return;
        }
        int lineStart = start;
        taxonomy.normaliseTitle(line).filter(m -> m.confidence() >= Taxonomy.DERIVE_CONFIDENCE).ifPresent(m ->
                found.computeIfAbsent(m.occupation(), k -> new Mentions()).add(0.6 + 0.4 * m.confidence(),
                        "headline", new Span(lineStart, lineStart + line.length(), line), true));
    }

    private <T> void scanCjk(String text, Token token, Map<String, T> dictionary, Map<Object, Mentions> found,
                             boolean occupation) {
        int at = token.start();
        while (at < token.end()) {
            int matched = 0;
            T concept = null;
            for (int len = Math.min(MAX_CJK, token.end() - at); len >= 2; len--) {
                T hit = dictionary.get(LabelNormaliser.normalise(text.substring(at, at + len)));
                if (hit != null) {
                    matched = len;
                    concept = hit;
                    break;
                }
            }
            if (concept == null) {
                at++;
                continue;
            }
            double confidence = matched >= 4 ? 0.9 : matched == 3 ? 0.8 : 0.65;
            String wording = text.substring(at, at + matched);
            found.computeIfAbsent(concept, k -> new Mentions()).add(confidence, wording,
                    new Span(at, at + matched, wording), !occupation || startsLine(text, at));
            at += matched;
        }
    }

    /** Words of one phrase are separated by spaces or hyphens only (not by a line break or a comma). */
    private static boolean adjacent(String text, Token a, Token b) {
        for (int k = a.end(); k < b.start(); k++) {
            char c = text.charAt(k);
            if (c != ' ' && c != '-' && c != '/' && c != '\u00a0') {
                return false;
            }
        }
        return true;
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            boolean cjk = word.codePoints().anyMatch(SkillExtractor::isCjk);
            tokens.add(new Token(m.start(), m.end(), cjk ? word : LabelNormaliser.normalise(word), cjk));
        }
        return tokens;
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private record Token(int start, int end, String normalised, boolean cjk) {
    }

    /** Whether {@code at} is the first non-blank character of its line. */
    private static boolean startsLine(String text, int at) {
        for (int k = at - 1; k >= 0; k--) {
            char c = text.charAt(k);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** A concept's mentions: each {@code independent} one counts, of the others the best of each wording. */
    private static final class Mentions {
        private final List<Span> spans = new ArrayList<>();
        private final Map<String, Double> bestByWording = new HashMap<>();
        private double missed = 1;

        void add(double confidence, String wording, Span span, boolean independent) {
            if (independent) {
                missed *= 1 - confidence;
            } else {
                bestByWording.merge(wording, confidence, Math::max);
            }
            if (spans.size() < 5) {
                spans.add(span);
            }
        }

        double confidence() {
            double none = missed;
            for (double best : bestByWording.values()) {
                none *= 1 - best;
            }
            return Math.round(Math.min(0.99, 1 - none) * 1000) / 1000.0;
        }
    }
}
