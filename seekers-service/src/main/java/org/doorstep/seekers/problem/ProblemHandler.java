package org.doorstep.seekers.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.doorstep.seekers.seeker.ConcurrentChange;
import org.doorstep.seekers.seeker.ProfileRejected;
import org.doorstep.seekers.seeker.SeekerAlreadyRegistered;
import org.doorstep.seekers.seeker.SeekerNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error of this service as RFC 9457 {@code application/problem+json} with a stable {@code type}; never a
 * stack trace. Framework errors (404, 405, 415, unreadable body) keep their status and get the same shape.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final String BASE = "https://doorstep.example/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ProfileRejected.class)
    ResponseEntity<ProblemDetail> rejected(ProfileRejected e, ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid profile",
                e.violations().size() + " field(s) are invalid; nothing was changed.", exchange);
        problem.setProperty("errors", e.violations().stream()
                .map(v -> Map.of("field", v.field(), "reason", v.reason())).toList());
        return respond(problem);
    }

    @ExceptionHandler(SeekerNotFound.class)
    ResponseEntity<ProblemDetail> notFound(SeekerNotFound e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.NOT_FOUND, "seeker-not-found", "Seeker not found",
                "No profile exists for this token's subject.", exchange));
    }

    @ExceptionHandler(SeekerAlreadyRegistered.class)
    ResponseEntity<ProblemDetail> alreadyRegistered(SeekerAlreadyRegistered e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.CONFLICT, "already-registered", "Already registered",
                "A profile already exists for this subject; use PUT or PATCH /api/v1/seekers/me.", exchange));
    }

    @ExceptionHandler(ConcurrentChange.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrentChange e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently",
                "The profile changed while this request was processed; read it again and retry.", exchange));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The request could not be completed.", exchange));
    }

    /** Framework errors: keep status and detail, add the stable type. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                   HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ex instanceof ErrorResponse error ? error.getBody()
                : ProblemDetail.forStatus(status);
        HttpStatus known = HttpStatus.resolve(status.value());
        String slug = known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
        problem.setType(URI.create(BASE + slug));
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        HttpHeaders responseHeaders = new HttpHeaders();
        if (headers != null) {
            responseHeaders.addAll(headers);
        }
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return Mono.just(new ResponseEntity<>(problem, responseHeaders, status));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
                                         ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
