package org.doorstep.notifications.errors;

import java.util.List;
import java.util.Map;

import org.doorstep.notifications.application.ApplicationClosed;
import org.doorstep.notifications.feedback.FeedbackConflict;
import org.doorstep.notifications.problem.InvalidRequest;
import org.doorstep.notifications.problem.NotFound;
import org.doorstep.notifications.platform.store.StoreOutage;
import org.doorstep.notifications.stream.TooManyStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error of this service as RFC 9457 {@code application/problem+json} with a stable {@code type}; never a
 * stack trace. Framework errors (404, 405, 406, 415, unreadable body) keep their status and get the same shape; a
 * store that cannot be reached is a 503 with {@code Retry-After}, whatever layer noticed it.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e, ServerWebExchange exchange) {
        return Problems.validation(List.of(Map.of("field", e.field(), "reason", e.getMessage())), exchange);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e, ServerWebExchange exchange) {
        return Problems.respond(Problems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), exchange));
    }

    @ExceptionHandler(ApplicationClosed.class)
    ResponseEntity<ProblemDetail> applicationClosed(ApplicationClosed e, ServerWebExchange exchange) {
        return Problems.respond(Problems.problem(HttpStatus.CONFLICT, "application-closed", "Application closed",
                e.getMessage(), exchange));
    }

    @ExceptionHandler(FeedbackConflict.class)
    ResponseEntity<ProblemDetail> feedbackConflict(FeedbackConflict e, ServerWebExchange exchange) {
        return Problems.respond(Problems.problem(HttpStatus.CONFLICT, e.slug(), e.title(), e.getMessage(), exchange));
    }

    @ExceptionHandler(TooManyStreams.class)
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreams e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        ProblemDetail problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many streams",
                "This seeker already has " + e.limit() + " open streams, the most allowed; close one, or retry after "
                        + e.retryAfter().toSeconds() + " seconds (a connection that died is noticed by then).", exchange);
        problem.setProperty("limit", e.limit());
        return Problems.respond(problem, headers);
    }

    /**
     * A media type that cannot be read, met outside Spring's own negotiation: the actuator reads {@code Accept}
     * itself, and {@code Accept: ,} names an empty one.
     */
    @ExceptionHandler({InvalidMediaTypeException.class, InvalidMimeTypeException.class})
    ResponseEntity<ProblemDetail> unreadableMediaType(IllegalArgumentException e, ServerWebExchange exchange) {
        return Problems.respond(Problems.problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                "A media type in the Accept or Content-Type header cannot be read.", exchange));
    }

    /** A header value the request firewall refuses (control characters, or UTF-8 bytes outside ISO-8859-1's printable range). */
    @ExceptionHandler(ServerExchangeRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ServerExchangeRejectedException e, ServerWebExchange exchange) {
        return Problems.rejectedByFirewall(exchange);
    }

    /** Anything unexpected: a store outage is a 503; the rest is logged here with its stack trace and is a plain 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        if (StoreOutage.causes(e)) {
            log.warn("Store unreachable on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    e.toString());
            return Problems.storeUnavailable(exchange);
        }
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
        return Problems.internal(exchange);
    }

    /** Framework errors: keep status and detail, add the stable type. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                   HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail detail = body instanceof ProblemDetail problem ? problem
                : ex instanceof ErrorResponse error ? error.getBody()
                : null;
        return Mono.just(widen(Problems.framework(status, detail, headers, exchange)));
    }

    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> problem) {
        return new ResponseEntity<>(problem.getBody(), problem.getHeaders(), problem.getStatusCode());
    }
}
