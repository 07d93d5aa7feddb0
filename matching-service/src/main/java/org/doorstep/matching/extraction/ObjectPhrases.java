package org.doorstep.matching.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * ESCO names most skills as something done ("carry out wound care", "use electronic health records in nursing"),
 * while resumes and postings name what they are about ("wound care", "electronic health records"). From every
 * skill alias that starts with one of ESCO's common leading verbs (and its particle: "carry out", "deal with"),
 * this makes the object a further alias, and the object up to its first preposition another ("electronic health
 * records" from "... in nursing"), when it has at least two words and no alias of its own. An object shared by
 * several skills goes to the one with the shortest alias it came from (then the lowest ordinal), so the choice
 * never depends on iteration order. A mention found through such an alias counts {@link #CONFIDENCE} of one found
 * through a real alias of the same length.
 */
final class ObjectPhrases {

    static final double CONFIDENCE = 0.8;

    /** ESCO's most common first words of skill labels of three words or more, verbs only (counted in ESCO v1.1.1). */
    private static final Set<String> VERBS = Set.of(("manage operate perform maintain use develop provide apply "
            + "monitor prepare advise ensure understand create tend conduct design assess analyse install identify "
            + "supervise work assist handle plan inspect carry interact set coordinate teach check follow evaluate "
            + "promote implement test organise communicate repair select clean keep interpret liaise adjust support "
            + "determine control oversee make collect sell report write define assemble negotiate adapt calculate "
            + "train measure process produce remove prevent research comply manufacture diagnose build examine "
            + "execute study lead draw participate record demonstrate drive read instruct cut integrate estimate "
            + "establish consult review contribute take treat administer inform attend help educate investigate "
            + "store respond protect forecast collaborate undertake observe arrange compile direct guide deal mix "
            + "engage enforce draft deliver translate cope recommend give dispose explain prescribe detect decide "
            + "attach facilitate meet adhere improve schedule transfer represent obtain verify manipulate recognise "
            + "gather counsel anticipate compare secure restore cooperate encourage solve utilise calibrate "
            + "preserve receive weigh connect regulate complete purchase respect mount fit describe insert coach "
            + "disseminate replace advertise react track fill").split(" "));
    private static final Set<String> PARTICLES = Set.of("out", "up", "with", "on", "off", "after", "down", "over",
            "to", "in", "for");
    private static final Set<String> PREPOSITIONS = Set.of("in", "for", "to", "with", "on", "at", "from", "during",
            "within", "by", "into", "under", "according", "across", "through", "using", "and", "or");

    private ObjectPhrases() {
    }

    /**
     * Adds the object phrases of the aliases in {@code skills} that {@code countable} accepts, and returns them.
     */
    static Set<String> addTo(Map<String, Integer> skills, BiPredicate<String, Integer> countable) {
        Map<String, int[]> best = new TreeMap<>(); // phrase -> {length of the alias it came from, ordinal}
        skills.forEach((alias, ord) -> {
            for (String phrase : of(alias)) {
                if (!skills.containsKey(phrase) && countable.test(phrase, ord)) {
                    best.merge(phrase, new int[] {alias.length(), ord}, (a, b) ->
                            a[0] < b[0] || a[0] == b[0] && a[1] <= b[1] ? a : b);
                }
            }
        });
        best.forEach((phrase, from) -> skills.put(phrase, from[1]));
        return new HashSet<>(best.keySet());
    }

    /** The object of {@code alias} (normalised, words separated by one space) and its head, if it names one. */
    static List<String> of(String alias) {
        String[] words = alias.split(" ");
        if (words.length < 3 || !VERBS.contains(words[0])) {
            return List.of();
        }
        int from = 1;
        while (from < words.length && PARTICLES.contains(words[from])) {
            from++;
        }
        List<String> phrases = new ArrayList<>(2);
        if (words.length - from >= 2) {
            phrases.add(String.join(" ", Arrays.copyOfRange(words, from, words.length)));
        }
        for (int k = from + 2; k < words.length; k++) {
            if (PREPOSITIONS.contains(words[k])) {
                phrases.add(String.join(" ", Arrays.copyOfRange(words, from, k)));
                break;
            }
        }
        return phrases;
    }
}
