package org.doorstep.matching.errors;

import java.util.Objects;

import org.doorstep.matching.extraction.web.ExtractionRateLimited;
import org.doorstep.matching.platform.Problems;
import org.doorstep.matching.platform.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsatisfiedRequestParameterException;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import reactor.core.publisher.Mono;

/**
 * Maps errors once to RFC 9457 problem details with stable type URIs; never a stack trace. Spring's own
 * errors (no route 404, wrong method 405 with {@code Allow}, 406, 415, bad input 400) come through
 * {@link ResponseEntityExceptionHandler} as problem details typed by their status; the store out of reach
 * is a 503 with {@code Retry-After}; anything unforeseen a 500 that tells nothing of the internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ExtractionRateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(ExtractionRateLimited e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        return Problems.response(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                e.getMessage()), headers, exchange);
    }

    /**
     * A media type that cannot be read, met outside Spring's own negotiation: the actuator reads {@code Accept}
     * itself, and {@code Accept: ,} names an empty one.
     */
    @ExceptionHandler({InvalidMediaTypeException.class, InvalidMimeTypeException.class})
    ResponseEntity<ProblemDetail> unreadableMediaType(IllegalArgumentException e, ServerWebExchange exchange) {
        return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                "A media type in the Accept or Content-Type header cannot be read."), null, exchange);
    }

    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception e, ServerWebExchange exchange) {
        log.warn("store out of reach: {}", e.toString());
        return Problems.response(Problems.storeUnavailable(), null, exchange);
    }

    /** A query parameter name the strict request firewall refuses, found when a handler first reads the query. */
    @ExceptionHandler(ServerExchangeRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ServerExchangeRejectedException e, ServerWebExchange exchange) {
        return Problems.response(Problems.rejectedByFirewall(), null, exchange);
    }

    /** The catch-all: a store failure wrapped in another exception is still a 503; the rest is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        if (StoreFailures.unreachable(e)) {
            return storeUnavailable(e, exchange);
        }
        log.error("unexpected failure", e);
        return Problems.response(Problems.internal(), null, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException e, HttpHeaders headers,
                                                                         HttpStatusCode status, ServerWebExchange exchange) {
        String detail = e.getFieldErrors().stream().map(f -> f.getDefaultMessage() == null
                ? f.getField() + " is invalid" : f.getDefaultMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse("the request body is invalid");
        return handleExceptionInternal(e, validation(detail), headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException e, HttpHeaders headers,
                                                                        HttpStatusCode status, ServerWebExchange exchange) {
        return handleExceptionInternal(e, validation(e.getReason()), headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return handleExceptionInternal(e, validation(e.getReason()), headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleUnsatisfiedRequestParameterException(UnsatisfiedRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return handleExceptionInternal(e, validation(e.getReason()), headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = Problems.typed(e.getBody());
        return handleExceptionInternal(e, validation(Objects.requireNonNullElse(problem.getDetail(), "the request is invalid")),
                headers, status, exchange);
    }

    /** Every problem Spring produces gets a type of its status instead of {@code about:blank}, and problem+json. */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                                ServerWebExchange exchange) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? Problems.typed(detail)
                : ProblemDetail.forStatus(status);
        ResponseEntity<ProblemDetail> response = Problems.response(Problems.typed(problem), headers, exchange);
        return Mono.just(ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody()));
    }

    private static ProblemDetail validation(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
    }
}
