package org.doorstep.postings.errors;

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
import org.doorstep.postings.partner.PartnerSuspended;
import org.doorstep.postings.partner.ApiKeyNotFound;
import org.doorstep.postings.partner.ApiKeyRejected;
import org.doorstep.postings.partner.PartnerKeptChanging;
import org.doorstep.postings.partner.PartnerNotFound;
import org.doorstep.postings.posting.PostingKeptChanging;
import org.doorstep.postings.posting.PostingNotFound;
import org.doorstep.postings.posting.PostingVersionMismatch;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.PayloadTooLarge;
import org.doorstep.postings.problem.PreconditionFailed;
import org.doorstep.postings.problem.ProblemTypes;
import org.doorstep.postings.problem.RateLimited;
import org.doorstep.postings.problem.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Maps every failure of this service, once, to an RFC 9457 problem; never a stack trace. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final int STORE_RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e, ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                e.violations().size() == 1
                        ? "1 field is invalid."
                        : e.violations().size() + " fields are invalid.");
        List<Map<String, String>> errors = e.violations().stream()
                .map(v -> Map.of("field", v.field(), "reason", v.reason()))
                .toList();
        problem.setProperty("errors", errors);
        return respond(problem, new HttpHeaders(), exchange);
    }

    @ExceptionHandler(ApiKeyRejected.class)
    ResponseEntity<ProblemDetail> unauthorized(ApiKeyRejected e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return respond(problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", e.getMessage()),
                headers, exchange);
    }

    /** The feed's controller reports a bad cursor as a field error itself; this keeps any other path to it a 400. */
    @ExceptionHandler(FeedCursorInvalid.class)
    ResponseEntity<ProblemDetail> feedCursor(FeedCursorInvalid e, ServerWebExchange exchange) {
        return invalid(new InvalidRequest(List.of(new Violation("cursor", e.getMessage()))), exchange);
    }

    @ExceptionHandler(PartnerSuspended.class)
    ResponseEntity<ProblemDetail> suspended(PartnerSuspended e, ServerWebExchange exchange) {
        // a forbidden problem of its own: its texts say the partner is suspended, not that the key lacks a right
        ProblemDetail problem = ProblemTexts.localize(
                problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Partner suspended", e.getMessage()),
                "partner-suspended", exchange);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler({PostingNotFound.class, PartnerNotFound.class, ApiKeyNotFound.class, CampaignNotFound.class,
            FeedKeyNotFound.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage()),
                new HttpHeaders(), exchange);
    }

    @ExceptionHandler({PostingVersionMismatch.class, PreconditionFailed.class})
    ResponseEntity<ProblemDetail> preconditionFailed(RuntimeException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED,
                "Precondition failed", e.getMessage()), new HttpHeaders(), exchange);
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLarge e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large",
                e.getMessage()), new HttpHeaders(), exchange);
    }

    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimited e, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        return respond(problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, "Too many requests",
                e.getMessage()), headers, exchange);
    }

    @ExceptionHandler({PostingKeptChanging.class, PartnerKeptChanging.class, CampaignExists.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", e.getMessage()),
                new HttpHeaders(), exchange);
    }

    /**
     * A media type that cannot be read, met outside Spring's own negotiation: the actuator reads {@code Accept}
     * itself, and {@code Accept: ,} names an empty one.
     */
    @ExceptionHandler({InvalidMediaTypeException.class, InvalidMimeTypeException.class})
    ResponseEntity<ProblemDetail> unreadableMediaType(IllegalArgumentException e, ServerWebExchange exchange) {
        return respond(problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad Request",
                "A media type in the Accept or Content-Type header cannot be read."), new HttpHeaders(), exchange);
    }

    /** The store cannot be reached (or is not primary, or is recovering): the client may retry shortly. */
    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception e, ServerWebExchange exchange) {
        log.warn("Store unavailable: {}", e.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(STORE_RETRY_AFTER_SECONDS));
        return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.STORE_UNAVAILABLE, "Store unavailable",
                "The service cannot reach its store at the moment; retry the request in a few seconds."), headers, exchange);
    }

    /**
     * A query parameter name the strict request firewall refuses ({@code ?%00=1}): it checks them when they are first
     * read, after its own filter, so the refusal reaches the handlers.
     */
    @ExceptionHandler(ServerExchangeRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(ServerExchangeRejectedException e, ServerWebExchange exchange) {
        return respond(rejectedByFirewall(), new HttpHeaders(), exchange);
    }

    static ProblemDetail rejectedByFirewall() {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad Request",
                "The request was rejected: its path, query or headers contain characters or sequences this service "
                        + "does not accept.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        if (storeUnreachable(e)) {
            return storeUnavailable(e, exchange);
        }
        log.error("Unexpected failure", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
                "The request could not be processed."), new HttpHeaders(), exchange);
    }

    /** Framework errors (bad input, wrong method, unknown route): problem+json with a stable type too. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                                   HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(status, "The request could not be processed.");
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(status.value() == 404 ? ProblemTypes.NOT_FOUND
                    : status.is4xxClientError() ? ProblemTypes.BAD_REQUEST : ProblemTypes.INTERNAL);
        }
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemTexts.localize(problem, exchange);
        return Mono.just(ResponseEntity.status(status).headers(out).body(problem));
    }

    /** Whether the store being unreachable is behind {@code e}, however wrapped (Spring Data, retries). */
    static boolean storeUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    private static ProblemDetail problem(HttpStatus status, java.net.URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** The answer for a problem, its texts in the request's language ({@link ProblemTexts}). */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers,
                                                         ServerWebExchange exchange) {
        ProblemTexts.localize(problem, exchange);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

}
