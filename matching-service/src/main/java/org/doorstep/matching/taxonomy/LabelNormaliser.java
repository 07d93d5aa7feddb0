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
