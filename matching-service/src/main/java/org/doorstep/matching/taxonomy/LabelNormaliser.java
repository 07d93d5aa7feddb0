package org.doorstep.matching.taxonomy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a free label into the key it is looked up by: Unicode-compatible form, lower case,
 * punctuation folded to spaces (keeping the {@code +} and {@code #} of C++ and C#, and a leading dot
 * as in .NET), English plurals reduced to the singular, whitespace collapsed.
 */
public final class LabelNormaliser {

    private static final Pattern LEADING_DOT = Pattern.compile("(^|\\s)\\.(?=\\p{L})");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}+#]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private LabelNormaliser() {
    }

    public static String normalise(String label) {
        if (label == null) {
            return "";
        }
        if (isAscii(label)) {
            return normaliseAscii(label);
        }
        String text = Normalizer.normalize(label, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim();
        text = LEADING_DOT.matcher(text).replaceAll("$1dot");
        text = NOT_WORD.matcher(text).replaceAll(" ");
        StringBuilder out = new StringBuilder(text.length());
        for (String token : SPACES.split(text.trim())) {
            if (token.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(singular(token));
        }
        return out.toString();
    }

    /**
     * The same result for ASCII text without NFKC and regular expressions (most labels are ASCII; loading
     * ESCO normalises about 130,000 of them at start-up). {@code LabelNormaliserTest} checks it against
     * the general path.
     */
    static String normaliseAscii(String label) {
        StringBuilder out = new StringBuilder(label.length());
        StringBuilder token = new StringBuilder(16);
        boolean afterSpace = true;
        int n = label.length();
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            boolean word = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '#';
            if (word) {
                token.append(c);
            } else if (c == '.' && afterSpace && i + 1 < n && Character.isLetter(label.charAt(i + 1))) {
                token.append("dot");
            } else if (!token.isEmpty()) {
                append(out, token);
            }
            afterSpace = c == ' ' || c >= '\t' && c <= '\r';
        }
        if (!token.isEmpty()) {
            append(out, token);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, StringBuilder token) {
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(singular(token.toString()));
        token.setLength(0);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /** A deliberately small English stemmer: enough for "skills", "nurses", "batteries", "boxes". */
    static String singular(String token) {
        int n = token.length();
        if (n < 4 || !isAsciiLetters(token)) {
            return token;
        }
        if (token.endsWith("ies") && n > 4) {
            return token.substring(0, n - 3) + "y";
        }
        if (token.endsWith("sses") || token.endsWith("xes") || token.endsWith("ches") || token.endsWith("shes")
                || token.endsWith("zes")) {
            return token.substring(0, n - 2);
        }
        if (token.endsWith("s") && !token.endsWith("ss") && !token.endsWith("us") && !token.endsWith("is")
                && !token.endsWith("ys")) {
            return token.substring(0, n - 1);
        }
        return token;
    }

    private static boolean isAsciiLetters(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
