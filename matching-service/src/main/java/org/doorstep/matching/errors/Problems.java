package org.doorstep.matching.errors;

import org.doorstep.matching.i18n.ProblemTexts;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.doorstep.matching.limits.RateLimited;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

/**
 * The problem answers shared by the controller advice and the handlers that run before any controller. Every
 * answer names its content type, {@code application/problem+json}, so that content negotiation never picks
 * another writer (a stream request accepts only {@code text/event-stream}, whose writer would wrap the problem
 * in a {@code data:} line). The same in every service (ServiceCopiesTest in the system tests).
 */
final class Problems {

    static final String BASE = "https://doorstep.example/problems/";
    /** How long a client should wait before retrying while the store is unreachable. */
    static final String STORE_RETRY_AFTER_SECONDS = "5";

    private Problems() {
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail,
                                 ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return ProblemTexts.localize(problem, exchange);
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return respond(problem, new HttpHeaders());
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A 400 that lists every violation, its detail repeating them ("Invalid request: limit must be an integer."). */
    static ResponseEntity<ProblemDetail> validation(List<Map<String, String>> errors, ServerWebExchange exchange) {
        return validation(errors, detail(errors), exchange);
    }

    /** A request that breaks rules: every violation with the JSON path of its field (or the parameter's name). */
    static ResponseEntity<ProblemDetail> validation(List<Map<String, String>> errors, String detail,
                                                    ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail, exchange);
        problem.setProperty("errors", errors);
        return respond(problem);
    }

    /**
     * The violations in one sentence, the first ten by name and how many more: "Invalid request: limit must be an
     * integer; days must be at least 1." (a body itself, or a reason that names its field, alone).
     */
    static String detail(List<Map<String, String>> errors) {
        String named = errors.stream().limit(10)
                .map(error -> error.get("field").isEmpty() || error.get("reason").startsWith(error.get("field"))
                        ? error.get("reason") : error.get("field") + " " + error.get("reason"))
                .collect(Collectors.joining("; ", "Invalid request: ", ""));
        return named + (errors.size() > 10 ? "; and " + (errors.size() - 10) + " more." : ".");
    }

    static ResponseEntity<ProblemDetail> storeUnavailable(ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, STORE_RETRY_AFTER_SECONDS);
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                "This service's store cannot be reached right now; nothing was changed. Retry after "
                        + STORE_RETRY_AFTER_SECONDS + " seconds.", exchange), headers);
    }

    static ResponseEntity<ProblemDetail> rateLimited(RateLimited e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        return respond(problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", e.getMessage(),
                exchange), headers);
    }

    /** What the request firewall refuses, whether in its filter (path, headers) or later (a query parameter's name). */
    static ResponseEntity<ProblemDetail> rejectedByFirewall(ServerWebExchange exchange) {
        return respond(problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                "The request was rejected: its path, query or headers contain characters or sequences this service "
                        + "does not accept.", exchange));
    }

    static ResponseEntity<ProblemDetail> internal(ServerWebExchange exchange) {
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The request could not be completed.", exchange));
    }

    /** A framework error (routing, negotiation, codec): its status and detail, with the type named after the status. */
    static ResponseEntity<ProblemDetail> framework(HttpStatusCode status, ProblemDetail body, HttpHeaders headers,
                                                   ServerWebExchange exchange) {
        ProblemDetail problem = body != null ? body : ProblemDetail.forStatus(status);
        problem.setType(URI.create(BASE + slug(status)));
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setTitle(known == null ? "HTTP " + status.value() : known.getReasonPhrase());
        }
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        ProblemTexts.localize(problem, exchange);
        HttpHeaders responseHeaders = new HttpHeaders();
        if (headers != null) {
            responseHeaders.addAll(headers);
        }
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(responseHeaders).body(problem);
    }

    static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
