package org.doorstep.matching.operator;

import java.net.URI;

import org.doorstep.matching.extraction.web.ExtractionRateLimited;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Maps errors once to RFC 9457 problem details with stable type URIs; never a stack trace. */
@RestControllerAdvice
class ProblemHandler {

    private static final String BASE = "https://doorstep.example/problems/";

    @ExceptionHandler(NotAuthorised.class)
    ResponseEntity<ProblemDetail> unauthorised(NotAuthorised e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Operator token required", e.getMessage());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidBody(WebExchangeBindException e) {
        String detail = e.getFieldErrors().stream().map(f -> f.getDefaultMessage() == null
                ? f.getField() + " is invalid" : f.getDefaultMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse("the request body is invalid");
        return problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
    }

    @ExceptionHandler(ExtractionRateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(ExtractionRateLimited e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests", e.getMessage());
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(response.getBody());
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(UnsupportedMediaTypeStatusException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                "send application/json");
    }

    @ExceptionHandler({MissingRequestValueException.class, ServerWebInputException.class})
    ResponseEntity<ProblemDetail> invalid(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", e.getReason());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + type));
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
