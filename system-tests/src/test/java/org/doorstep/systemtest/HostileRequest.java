package org.doorstep.systemtest;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One generated request as it goes on the wire. The request target and the header values are strings of bytes,
 * one char per byte (ISO-8859-1), so that they can hold what a well-behaved client never sends: raw bytes that are
 * not UTF-8, overlong encodings, control characters. {@link #viaHttpClient()} says whether the JDK's HttpClient can
 * send it as it is; if not, it goes through a plain socket.
 *
 * @param endpoint the endpoint it is aimed at (its path or method may have been made hostile on the way)
 * @param mustBeRefused it carries at least one fault that the endpoint must refuse (every request with an unsafe
 *                      method does): a 2xx answer is a finding
 * @param mustBeRefusedWhateverTheBody the same without counting the body's faults: for the batch endpoint, which
 *                      answers 200 with a rejection per line when only the lines are wrong
 * @param faults        what is hostile about it, for the summary
 */
record HostileRequest(Endpoint endpoint, String method, String target, List<Header> headers, byte[] body,
                      boolean mustBeRefused, boolean mustBeRefusedWhateverTheBody, List<String> faults) {

    record Header(String name, String value) {
    }

    /** Headers the HttpClient sets itself and refuses to take from the caller. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final int SHOWN_BODY_BYTES = 1_500;

    boolean viaHttpClient() {
        if (!isToken(method) || method.equals("CONNECT") || !target.startsWith("/") || !printableAscii(target)
                || target.contains("#")) {
            return false;
        }
        for (Header header : headers) {
            if (!isToken(header.name()) || RESTRICTED.contains(header.name().toLowerCase(Locale.ROOT))
                    || !header.value().chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7F))) {
                return false;
            }
        }
        try {
            // what the HttpClient itself refuses to send (it checks names, values and the URI)
            HttpRequest.Builder builder = HttpRequest.newBuilder(new URI("http://127.0.0.1:1" + target))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(h -> builder.header(h.name(), h.value()));
            builder.build();
            return true;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A reproducer to paste into a bug: method, URL, headers and body, with every byte outside printable ASCII escaped. */
    String describe(String baseUrl) {
        StringBuilder out = new StringBuilder();
        out.append(escape(method)).append(' ').append(baseUrl).append(escape(target))
                .append(viaHttpClient() ? "   (JDK HttpClient, HTTP/1.1)" : "   (raw socket, HTTP/1.1)").append('\n');
        for (Header header : headers) {
            String value = header.value().length() > 300
                    ? escape(header.value().substring(0, 300)) + "... (" + header.value().length() + " bytes)"
                    : escape(header.value());
            out.append("  ").append(escape(header.name())).append(": ").append(value).append('\n');
        }
        if (body != null) {
            String shown = new String(body, 0, Math.min(body.length, SHOWN_BODY_BYTES), StandardCharsets.ISO_8859_1);
            out.append("  body (").append(body.length).append(" bytes): ").append(escape(shown))
                    .append(body.length > SHOWN_BODY_BYTES ? "..." : "").append('\n');
        }
        out.append("  aimed at ").append(endpoint).append("; faults ").append(faults);
        return out.toString();
    }

    /** The size on the wire, roughly: for ordering reproducers by size. */
    int size() {
        return method.length() + target.length() + headers.stream().mapToInt(h -> h.name().length() + h.value().length() + 4).sum()
                + (body == null ? 0 : body.length);
    }

    static String escape(String bytes) {
        StringBuilder out = new StringBuilder(bytes.length());
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                out.append(c);
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c <= 0xFF) {
                out.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean printableAscii(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    private static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }
}
