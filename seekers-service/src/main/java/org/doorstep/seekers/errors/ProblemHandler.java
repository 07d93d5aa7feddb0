package org.doorstep.seekers.errors;

import static org.doorstep.seekers.errors.Problems.problem;
import static org.doorstep.seekers.errors.Problems.respond;

import java.util.Map;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.doorstep.seekers.platform.store.StoreOutage;
import org.doorstep.seekers.limits.RateLimited;
import org.doorstep.seekers.seeker.ConcurrentChange;
import org.doorstep.seekers.seeker.ProfileRejected;
import org.doorstep.seekers.seeker.SeekerAlreadyRegistered;
import org.doorstep.seekers.seeker.SeekerNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
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

    @ExceptionHandler(ProfileRejected.class)
    ResponseEntity<ProblemDetail> rejected(ProfileRejected e, ServerWebExchange exchange) {
        return Problems.validation(e.violations().stream().map(v -> Map.of("field", v.field(), "reason", v.reason())).toList(),
                exchange);
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

    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimited e, ServerWebExchange exchange) {
        return Problems.rateLimited(e, exchange);
    }

    /**
     * A media type that cannot be read, met outside Spring's own negotiation: the actuator reads {@code Accept}
     * itself, and {@code Accept: ,} names an empty one.
     */
    @ExceptionHandler({InvalidMediaTypeException.class, InvalidMimeTypeException.class})
    ResponseEntity<ProblemDetail> unreadableMediaType(IllegalArgumentException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request",
                "A media type in the Accept or Content-Type header cannot be read.", exchange));
    }

    /**
     * What the request firewall refuses once a handler reads it: the query parameters are checked when they are first
     * asked for (a name with a NUL, {@code ?%00=1}, met by the actuator), after the firewall's filter has let the
     * request through.
     */
    @ExceptionHandler(ServerExchangeRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ServerExchangeRejectedException e, ServerWebExchange exchange) {
        return Problems.rejectedByFirewall(exchange);
    }

    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception e, ServerWebExchange exchange) {
        log.warn("Store unreachable on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                e.toString());
        return Problems.storeUnavailable(exchange);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        if (StoreOutage.causes(e)) {
            return storeUnavailable(e, exchange); // wrapped, e.g. UncategorizedMongoDbException around a not-primary error
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
        ResponseEntity<ProblemDetail> problem = Problems.framework(status, detail, headers, exchange);
        return Mono.just(new ResponseEntity<>(problem.getBody(), problem.getHeaders(), problem.getStatusCode()));
    }
}
