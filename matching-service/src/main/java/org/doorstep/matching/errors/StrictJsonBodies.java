package org.doorstep.matching.errors;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies bound strictly (issue 14), as postings-service and seekers-service bind theirs: a property the request
 * record does not declare is refused by name, and a value is read only from its own JSON type (no {@code 42} for a
 * string, no {@code "true"} for a boolean, no string for a list). Only the HTTP decoder is strict: events are read
 * with the service's own mapper, which ignores what a newer producer adds. What the decoder refuses is answered as a
 * 400 {@code validation} naming the field by its JSON path and the reason ({@link #problem}), never with the input
 * echoed back. Runs after Spring Boot's Jackson codec customizer (order 0), so its decoder is the one used.
 * The same copy in matching-service and notification-service ({@code ServiceCopiesTest}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonBodies {

    static final String UNKNOWN = "unknown property";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictJsonDecoder(JsonMapper mapper) {
        JsonMapper strict = mapper.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, integer -> integer.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .build();
        return codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
    }

    /** A 400 {@code validation} naming the field and the reason, when Jackson refused the body. */
    static Optional<ResponseEntity<ProblemDetail>> problem(Throwable refused, ServerWebExchange exchange) {
        return violation(refused).map(v -> Problems.validation(List.of(v), "The request body is not valid: "
                + (v.get("field").isEmpty() ? "" : v.get("field") + ": ") + v.get("reason") + ".", exchange));
    }

    /** The field (its JSON path, empty for the body itself) and the reason, when Jackson refused the body. */
    static Optional<Map<String, String>> violation(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return Optional.of(Map.of("field", path(jackson), "reason", reason(jackson)));
            }
        }
        return Optional.empty();
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

    private static String expected(Class<?> type) {
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
        return "must be an object";
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
}
