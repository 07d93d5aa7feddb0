package org.doorstep.matching.operator;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

/** Maps errors once to RFC 9457 problem details with stable type URIs; never a stack trace. */
@RestControllerAdvice
class ProblemHandler {

    private static final String BASE = "https://doorstep.example/problems/";

    @ExceptionHandler(NotAuthorised.class)
    ResponseEntity<ProblemDetail> unauthorised(NotAuthorised e) {
        return problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Operator token required", e.getMessage());
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
