package org.doorstep.matching.platform;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 9457 problem details as every error of this service answers them: a stable type URI under
 * {@link #BASE}, a title, the status, a detail for people; never a stack trace or an exception's message.
 */
public final class Problems {

    public static final String BASE = "https://doorstep.example/problems/";
    public static final long STORE_RETRY_AFTER_SECONDS = 5;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** The type of a problem that only restates its HTTP status: {@code not-found}, {@code method-not-allowed}, ... */
    public static String typeOf(HttpStatusCode status) {
        if (status.value() == 500) {
            return "internal";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value()
                : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** Gives a problem that came with the placeholder type {@code about:blank} the type of its status. */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(BASE + typeOf(HttpStatusCode.valueOf(problem.getStatus()))));
        }
        return problem;
    }

    public static ProblemDetail storeUnavailable() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                "The service cannot reach its data store at the moment; retry after " + STORE_RETRY_AFTER_SECONDS + " seconds.");
    }

    /**
     * What the strict request firewall refuses: a path, query parameter name or header with characters or sequences
     * this service does not accept (query parameter names are checked when first read, past the firewall's filter).
     */
    public static ProblemDetail rejectedByFirewall() {
        return of(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request", "The request was rejected: its path, query or "
                + "headers contain characters or sequences this service does not accept.");
    }

    public static ProblemDetail internal() {
        return of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side; it has been logged.");
    }

    /**
     * The response for a problem: its status, problem+json, {@code Retry-After} when the store is out of reach, and
     * its texts in the request's language ({@link ProblemTexts}).
     */
    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem, HttpHeaders headers,
                                                         ServerWebExchange exchange) {
        ProblemTexts.localize(problem, exchange);
        HttpHeaders all = new HttpHeaders();
        if (headers != null) {
            all.addAll(headers);
        }
        if (problem.getType() != null && problem.getType().toString().equals(BASE + "store-unavailable")) {
            all.set(HttpHeaders.RETRY_AFTER, Long.toString(STORE_RETRY_AFTER_SECONDS));
        }
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(all).body(problem);
    }
}
