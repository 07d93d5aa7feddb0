package org.doorstep.notifications.stream.web;

import org.doorstep.notifications.problem.InvalidRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;

/**
 * Where a reconnecting client resumes: the {@code Last-Event-ID} header (what EventSource sends), else the
 * {@code lastEventId} query parameter, else the start. An event id of this stream is a non-negative decimal number
 * in ASCII digits; anything else (another script's digits, an emoji, a sign, a number too large) is a 400 naming
 * the header, never a 500.
 */
final class LastEventId {

    static final String HEADER = "Last-Event-ID";
    private static final int MAX_DIGITS = 19;

    private LastEventId() {
    }

    static long of(ServerHttpRequest request, String parameter) {
        String header;
        try {
            header = request.getHeaders().getFirst(HEADER);
        } catch (ServerExchangeRejectedException e) {
            // the request firewall refuses values with bytes it does not print (an emoji's UTF-8 bytes, controls)
            throw invalid();
        }
        return parse(header != null ? header : parameter);
    }

    static long parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String id = value.strip();
        if (id.length() > MAX_DIGITS || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid();
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidRequest invalid() {
        return new InvalidRequest(HEADER, "must be a non-negative event id from this stream");
    }
}
