package org.doorstep.postings.errors;

import org.doorstep.postings.platform.store.StoreOutage;
import org.doorstep.postings.i18n.ProblemTexts;
import static org.doorstep.postings.errors.Problems.problem;
import static org.doorstep.postings.errors.Problems.respond;

import java.util.List;
import java.util.Map;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.doorstep.postings.campaign.CampaignExists;
import org.doorstep.postings.campaign.CampaignNotFound;
import org.doorstep.postings.feed.FeedCursorInvalid;
import org.doorstep.postings.feed.FeedKeyNotFound;
import org.doorstep.postings.partner.ApiKeyNotFound;
import org.doorstep.postings.partner.ApiKeyRejected;
import org.doorstep.postings.partner.PartnerKeptChanging;
import org.doorstep.postings.partner.PartnerNotFound;
import org.doorstep.postings.partner.PartnerSuspended;
import org.doorstep.postings.posting.PostingKeptChanging;
import org.doorstep.postings.posting.PostingNotFound;
import org.doorstep.postings.posting.PostingVersionMismatch;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.PayloadTooLarge;
import org.doorstep.postings.problem.PreconditionFailed;
import org.doorstep.postings.problem.RateLimited;
import org.doorstep.postings.problem.Violation;
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

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e, ServerWebExchange exchange) {
        return Problems.validation(e.violations().stream().map(v -> Map.of("field", v.field(), "reason", v.reason())).toList(),
                exchange);
    }

    @ExceptionHandler(ApiKeyRejected.class)
    ResponseEntity<ProblemDetail> unauthorized(ApiKeyRejected e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return respond(problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", e.getMessage(), exchange),
                headers);
    }

    /** The feed's controller reports a bad cursor as a field error itself; this keeps any other path to it a 400. */
    @ExceptionHandler(FeedCursorInvalid.class)
    ResponseEntity<ProblemDetail> feedCursor(FeedCursorInvalid e, ServerWebExchange exchange) {
        return invalid(new InvalidRequest(List.of(new Violation("cursor", e.getMessage()))), exchange);
    }

    @ExceptionHandler(PartnerSuspended.class)
    ResponseEntity<ProblemDetail> suspended(PartnerSuspended e, ServerWebExchange exchange) {
        // a forbidden problem of its own: its texts say the partner is suspended, not that the key lacks a right
        return respond(ProblemTexts.localize(
                problem(HttpStatus.FORBIDDEN, "forbidden", "Partner suspended", e.getMessage(), exchange),
                "partner-suspended", exchange));
    }

    @ExceptionHandler({PostingNotFound.class, PartnerNotFound.class, ApiKeyNotFound.class, CampaignNotFound.class,
            FeedKeyNotFound.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), exchange));
    }

    @ExceptionHandler({PostingVersionMismatch.class, PreconditionFailed.class})
    ResponseEntity<ProblemDetail> preconditionFailed(RuntimeException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
                e.getMessage(), exchange));
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLarge e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage(),
                exchange));
    }

    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimited e, ServerWebExchange exchange) {
        return Problems.rateLimited(e, exchange);
    }

    @ExceptionHandler({PostingKeptChanging.class, PartnerKeptChanging.class, CampaignExists.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage(), exchange));
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
