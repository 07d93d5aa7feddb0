package org.doorstep.postings.web;

import java.util.Locale;

/**
 * What this service accepts as text. An identifier (an externalId, any id in a path) prints: no character of
 * Unicode category Cc (control), Cf (format, e.g. the bidi controls U+202A-U+202E and U+2066-U+2069), Cs (a lone
 * surrogate), Co (private use), Cn (unassigned), Zl or Zp (line and paragraph separators), so that two ids that
 * look the same are the same and none reorders or hides the text around it. Free text (titles, descriptions,
 * names) refuses control and format characters, lone surrogates and the Unicode separators likewise, but keeps
 * ordinary whitespace: a tab anywhere, line breaks (LF, CR) where the field holds lines.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /** Why {@code value} cannot be an identifier, or null when it can. */
    public static String identifierProblem(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String kind = switch (Character.getType(cp)) {
                case Character.CONTROL -> "control character";
                case Character.FORMAT -> "format character";
                case Character.SURROGATE -> "lone surrogate";
                case Character.PRIVATE_USE -> "private-use character";
                case Character.UNASSIGNED -> "unassigned code point";
                case Character.LINE_SEPARATOR -> "line separator";
                case Character.PARAGRAPH_SEPARATOR -> "paragraph separator";
                default -> null;
            };
            if (kind != null) {
                return refused(cp, kind, value, i);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Why {@code value} cannot be free text, or null when it can; {@code lines}: line breaks are allowed. */
    public static String textProblem(String value, boolean lines) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String kind = switch (Character.getType(cp)) {
                case Character.CONTROL -> cp == '\t' || (lines && (cp == '\n' || cp == '\r')) ? null
                        : cp == '\n' || cp == '\r' ? "line break" : "control character";
                case Character.FORMAT -> "format character";
                case Character.SURROGATE -> "lone surrogate";
                case Character.LINE_SEPARATOR -> "line separator";
                case Character.PARAGRAPH_SEPARATOR -> "paragraph separator";
                default -> null;
            };
            if (kind != null) {
                return refused(cp, kind, value, i);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static String refused(int cp, String kind, String value, int index) {
        return "must not contain U+" + String.format(Locale.ROOT, "%04X", cp) + " (" + kind + ") at character "
                + (value.codePointCount(0, index) + 1);
    }
}
