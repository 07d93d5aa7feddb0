package org.doorstep.matching.duplicates;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a posting's texts as duplicate detection compares them: HTML (also escaped HTML, as job boards send
 * it) and entities removed, NFKC, lower case; a word is a run of letters and digits, and each Han, Hiragana,
 * Katakana or Hangul character is a word of its own (no spaces between words in those scripts). Common
 * abbreviations of job titles are spelt out, so that "Snr Nurse" and "Senior Nurse" are the same title.
 */
final class JobText {

    private static final Pattern TAG = Pattern.compile("<[^>]{0,500}>");
    private static final Map<String, String> ENTITIES = Map.of("&lt;", "<", "&gt;", ">", "&quot;", "\"", "&#39;", "'",
            "&nbsp;", " ", "&amp;", "&");
    private static final Set<String> TITLE_STOP = Set.of("the", "and", "of", "a", "an", "to", "for", "in", "at", "with", "or",
            "job", "jobs", "vacancy", "role");
    /** Articles and legal forms, left out of an employer's name. */
    private static final Set<String> EMPLOYER_STOP = Set.of("the", "and", "ltd", "limited", "plc", "inc", "llc", "co",
            "company", "corp", "corporation", "gmbh");
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("snr", "senior"),
            Map.entry("sr", "senior"), Map.entry("jnr", "junior"), Map.entry("jr", "junior"), Map.entry("mgr", "manager"),
            Map.entry("asst", "assistant"), Map.entry("admin", "administrator"), Map.entry("dept", "department"),
            Map.entry("eng", "engineer"), Map.entry("dev", "developer"), Map.entry("ft", "full"), Map.entry("pt", "part"));

    private JobText() {
    }

    /** The words of a text in order. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        String plain = text;
        for (int pass = 0; pass < 2 && plain.indexOf('&') >= 0; pass++) {
            for (Map.Entry<String, String> entity : ENTITIES.entrySet()) {
                plain = plain.replace(entity.getKey(), entity.getValue());
            }
        }
        plain = TAG.matcher(plain).replaceAll(" ");
        plain = Normalizer.normalize(plain, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < plain.length(); ) {
            int cp = plain.codePointAt(i);
            i += Character.charCount(cp);
            if (ownWord(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                flush(word, words);
            }
        }
        flush(word, words);
        return words;
    }

    /** The words of a title that say what the job is: stop words left out, abbreviations spelt out. */
    static List<String> titleWords(String title) {
        List<String> words = new ArrayList<>();
        for (String word : words(title)) {
            String full = ABBREVIATIONS.getOrDefault(word, word);
            if (!TITLE_STOP.contains(full)) {
                words.add(full);
            }
        }
        return words;
    }

    /** An employer's name as compared: its words without legal forms and articles; null when none is given. */
    static String employer(String name) {
        List<String> words = new ArrayList<>();
        for (String word : words(name)) {
            if (!EMPLOYER_STOP.contains(word)) {
                words.add(word);
            }
        }
        String joined = String.join(" ", words).replace("有 限 公 司", "").replace("股 份", "").strip();
        return joined.isEmpty() ? null : joined;
    }

    private static boolean ownWord(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
