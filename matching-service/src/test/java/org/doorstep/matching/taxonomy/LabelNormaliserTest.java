package org.doorstep.matching.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The ASCII fast path of the normaliser gives exactly what the general (NFKC and regex) path gives. */
class LabelNormaliserTest {

    private static final Pattern LEADING_DOT = Pattern.compile("(^|\\s)\\.(?=\\p{L})");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}+#]+");

    @Property(tries = 3000)
    void asciiFastPathEqualsTheGeneralPath(@ForAll @StringLength(max = 24) @CharRange(from = ' ', to = '~')
                                           @Chars({'\t', '\n', '.', '.', ' ', 's', 'e', 'i', 'x'}) String label) {
        assertThat(LabelNormaliser.normaliseAscii(label)).isEqualTo(general(label));
    }

    /** The general path as LabelNormaliser applies it to non-ASCII labels, written out here on purpose. */
    private static String general(String label) {
        String text = Normalizer.normalize(label, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim();
        text = LEADING_DOT.matcher(text).replaceAll("$1dot");
        text = NOT_WORD.matcher(text).replaceAll(" ");
        StringBuilder out = new StringBuilder();
        for (String token : text.trim().split("\\s+")) {
            if (!token.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(LabelNormaliser.singular(token));
            }
        }
        return out.toString();
    }
}
