package org.doorstep.notifications.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.errors.InvalidRequest;
import org.doorstep.notifications.errors.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/** Every error as RFC 9457 problem+json with a stable type URI; never a stack trace. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemHandler.class);

    static final String BASE = "https://doorstep.example/problems/";

    @ExceptionHandler(InvalidRequest.class)
    ProblemDetail invalid(InvalidRequest e) {
        return validation(List.of(Map.of("field", e.field(), "reason", e.getMessage())));
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create(BASE + "not-found"));
        problem.setTitle("Not found");
        return problem;
    }

    /** Anything unexpected: logged here with its stack trace, the client gets a plain 500 problem. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; the request may be retried.");
        problem.setType(URI.create(BASE + "internal"));
        problem.setTitle("Internal error");
        return problem;
    }

    static ProblemDetail validation(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid.");
        problem.setType(URI.create(BASE + "validation"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    @Override
    protected reactor.core.publisher.Mono<org.springframework.http.ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.server.ServerWebExchange exchange) {
        List<Map<String, String>> errors = ex.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "reason", String.valueOf(error.getDefaultMessage())))
                .toList();
        return reactor.core.publisher.Mono.just(org.springframework.http.ResponseEntity.badRequest()
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(validation(errors)));
    }
}
