package org.doorstep.matching.extraction;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * ESCO names most skills by what is done ("carry out wound care", "deal with challenging people"), while resumes and
 * postings name what it is about ("wound care", "challenging people"). From every skill alias that starts with one
 * of ESCO's common leading verbs (and its particle: "carry out", "deal with"), this makes the object a further alias
 * when it has at least two words, does not start with a determiner or a preposition ("your career", "within the
 * community": about someone or somewhere, not a skill), is no alias of its own, and is the object of no other skill
 * (an object several skills share, "training and development", says too little to choose). A mention found through
 * such an alias counts {@link #CONFIDENCE} of one found through a real alias of the same length.
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
    /** An object that starts with one of these is about someone ("your career"), not a skill. */
    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "your", "their", "his", "her", "its",
            "our", "my", "own", "one", "oneself", "yourself", "themselves", "this", "these", "that", "those", "other",
            "others", "new", "all", "any", "each", "every", "some", "such");
    /** An object that starts with one of these is a place or a circumstance ("within the community"). */
    private static final Set<String> PREPOSITIONS = Set.of("in", "for", "to", "with", "on", "at", "from", "during",
            "within", "by", "into", "under", "according", "across", "through", "using", "and", "or");

    private ObjectPhrases() {
    }

    /**
     * Adds the object phrases of the aliases in {@code skills} that {@code countable} accepts, and returns them.
     */
    static Set<String> addTo(Map<String, Integer> skills, Predicate<String> countable) {
        Map<String, Integer> owner = new TreeMap<>();
        Set<String> ambiguous = new HashSet<>();
        skills.forEach((alias, ord) -> {
            for (String phrase : of(alias)) {
                if (!skills.containsKey(phrase) && countable.test(phrase)) {
                    Integer before = owner.putIfAbsent(phrase, ord);
                    if (before != null && !before.equals(ord)) {
                        ambiguous.add(phrase);
                    }
                }
            }
        });
        ambiguous.forEach(owner::remove);
        skills.putAll(owner);
        return new HashSet<>(owner.keySet());
    }

    /** The object of {@code alias} (normalised, words separated by one space), if it names one. */
    static List<String> of(String alias) {
        String[] words = alias.split(" ");
        if (words.length < 3 || !VERBS.contains(words[0])) {
            return List.of();
        }
        int from = 1;
        while (from < words.length && PARTICLES.contains(words[from])) {
            from++;
        }
        if (words.length - from < 2 || DETERMINERS.contains(words[from]) || PREPOSITIONS.contains(words[from])) {
            return List.of();
        }
        return List.of(String.join(" ", Arrays.copyOfRange(words, from, words.length)));
    }
}
