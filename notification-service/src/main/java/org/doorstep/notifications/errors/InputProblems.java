package org.doorstep.notifications.errors;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Input a controller cannot take, in every service the same answer: a 400 {@code validation} whose {@code errors}
 * name each field (a query parameter, header or path variable by the name the client sends, a body's field by its
 * JSON path, empty for the body itself) with the reason ({@code limit}: "must be an integer"; {@code share[1]}:
 * "must be a string"; {@code colour}: "unknown property"), and a detail that lists them; never the framework's
 * "Type mismatch." or "Validation failure", never the input echoed back. Ahead of each service's
 * {@code ProblemHandler}, which answers everything else. The same copy in every service ({@code ServiceCopiesTest}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InputProblems {

    static final String UNKNOWN = "unknown property";

    /** Every kind of unreadable input: a body, a parameter of the wrong type, a missing one, a bound body's violations. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        List<Map<String, String>> errors = switch (e) {
            case WebExchangeBindException bind -> bind.getFieldErrors().stream()
                    .map(error -> violation(error.getField(), String.valueOf(error.getDefaultMessage())))
                    .sorted(Comparator.comparing((Map<String, String> v) -> v.get("field"))).toList();
            case MissingRequestValueException missing -> List.of(violation(missing.getName(), "is required"));
            default -> e.getCause() instanceof TypeMismatchException mismatch && e.getMethodParameter() != null
                    ? List.of(violation(name(e.getMethodParameter()), expected(mismatch.getRequiredType() != null
                            ? mismatch.getRequiredType() : e.getMethodParameter().getParameterType())))
                    : jackson(e).map(InputProblems::violation).toList();
        };
        return Problems.validation(errors, errors.isEmpty() ? String.valueOf(e.getReason()) : Problems.detail(errors), exchange);
    }

    /** Every parameter constraint broken ({@code @Min}, {@code @Max}, ...), each with the constraint's message. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalid(HandlerMethodValidationException e, ServerWebExchange exchange) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> violation(name(result.getMethodParameter()), String.valueOf(error.getDefaultMessage()))))
                .toList();
        return Problems.validation(errors, exchange);
    }

    /** What a value of this type must be, the same words for a parameter and a body's field. */
    static String expected(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).sorted().toList();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (type == LocalDate.class) {
            return "must be a date (YYYY-MM-DD)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a date and time (ISO 8601, e.g. 2026-12-05T08:00:00Z)";
        }
        return type.isRecord() || Map.class.isAssignableFrom(type) ? "must be an object" : "is not a valid " + type.getSimpleName();
    }

    /** The field and reason of a body Jackson refused (none when it was not Jackson). */
    private static Stream<Map.Entry<String, String>> jackson(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException e) {
                return Stream.of(Map.entry(path(e), reason(e)));
            }
        }
        return Stream.empty();
    }

    private static String reason(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return UNKNOWN;
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
            return "more than one JSON value" + at(e);
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return expected(mismatched.getTargetType());
        }
        return "malformed JSON" + at(e);
    }

    private static String at(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** {@code share[1]}, {@code a.b}: as Bean Validation names fields. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The name the client sends: the annotation's, else the Java parameter's. */
    private static String name(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        String declared = query != null ? query.name() : header != null ? header.name() : path != null ? path.name() : "";
        return !declared.isEmpty() ? declared : String.valueOf(parameter.getParameterName());
    }

    private static Map<String, String> violation(Map.Entry<String, String> fieldAndReason) {
        return violation(fieldAndReason.getKey(), fieldAndReason.getValue());
    }

    private static Map<String, String> violation(String field, String reason) {
        return Map.of("field", field, "reason", reason);
    }
}
