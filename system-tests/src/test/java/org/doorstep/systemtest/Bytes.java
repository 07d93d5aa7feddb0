package org.doorstep.systemtest;

import java.nio.charset.StandardCharsets;

/** Strings of bytes, one char per byte (ISO-8859-1): how {@link HostileRequest} holds what goes on the wire. */
final class Bytes {

    private Bytes() {
    }

    /** The UTF-8 encoding of {@code text}, one char per byte. */
    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The bytes a string of bytes stands for. */
    static byte[] of(String bytes) {
        return bytes.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code text} percent-encoded as UTF-8, every byte outside unreserved ASCII escaped. */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
