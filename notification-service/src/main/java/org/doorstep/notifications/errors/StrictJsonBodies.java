package org.doorstep.notifications.errors;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies bound strictly (issue 14), as postings-service and seekers-service bind theirs: a property the request
 * record does not declare is refused by name, and a value is read only from its own JSON type (no {@code 42} or
 * {@code true} for a string, no {@code "5"} or {@code 2.5} for an integer, no string for a list), one JSON value per
 * body. Only the HTTP decoder is strict: events are read with the service's own mapper, which ignores what a newer
 * producer adds. {@link InputProblems} names what the decoder refuses. Runs after Spring Boot's Jackson codec
 * customizer (order 0), so its decoder is the one used. The same copy in matching-, notification- and postings-service
 * ({@code ServiceCopiesTest}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonBodies {

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
}
