package org.doorstep.postings.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.postings.problem.Violation;

/**
 * The ids a request names in its path, read from the raw path rather than from the path Spring decoded: that
 * decoding turns bytes that are not UTF-8 (and encoded surrogates) into U+FFFD, so {@code %FF} and {@code %FE}
 * would both name the id "\uFFFD". Each template variable's segment is percent-decoded here byte by byte and
 * decoded as UTF-8 with a decoder that reports malformed input instead of replacing it.
 */
final class PathIds {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)(?::.*)?}");

    private PathIds() {
    }

    /**
     * What is wrong with the ids of {@code rawPath} (as received, still percent-encoded), matched by a route
     * {@code template} such as {@code /api/v1/postings/{externalId}}: one violation per bad id, named after
     * its variable.
     */
    static List<Violation> violations(String template, String rawPath) {
        String[] templateSegments = template.split("/", -1);
        String[] rawSegments = rawPath.split("/", -1);
        List<Violation> violations = new ArrayList<>();
        if (templateSegments.length != rawSegments.length) {
            return violations;
        }
        for (int i = 0; i < templateSegments.length; i++) {
            Matcher variable = VARIABLE.matcher(templateSegments[i]);
            if (!variable.matches()) {
                continue;
            }
            String raw = rawSegments[i];
            int parameters = raw.indexOf(';'); // matrix parameters are not part of the variable
            String decoded = decode(parameters < 0 ? raw : raw.substring(0, parameters));
            String problem = decoded == null ? "must be valid UTF-8 once percent-decoded"
                    : PrintableText.identifierProblem(decoded);
            if (problem != null) {
                violations.add(new Violation(variable.group(1), problem));
            }
        }
        return violations;
    }

    /**
     * The text of a raw path segment: {@code %XX} escapes and the characters the HTTP codec read (one per
     * byte) taken as bytes, decoded as UTF-8; null if an escape is broken or the bytes are not UTF-8.
     */
    static String decode(String raw) {
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !HexFormat.isHexDigit(raw.charAt(i + 1))
                        || !HexFormat.isHexDigit(raw.charAt(i + 2))) {
                    return null;
                }
                bytes[length++] = (byte) ((HexFormat.fromHexDigit(raw.charAt(i + 1)) << 4)
                        | HexFormat.fromHexDigit(raw.charAt(i + 2)));
                i += 2;
            } else if (c <= 0xFF) {
                bytes[length++] = (byte) c;
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
