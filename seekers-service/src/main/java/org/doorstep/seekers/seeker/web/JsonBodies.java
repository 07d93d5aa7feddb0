package org.doorstep.seekers.seeker.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Validator;
import org.doorstep.seekers.seeker.Profile;
import org.doorstep.seekers.seeker.ProfileRejected;
import org.doorstep.seekers.seeker.Violation;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads profile bodies: parsed strictly (duplicate keys and trailing content are errors), bound to {@link
 * ProfileRequest} by Jackson ({@link StrictBinding}) and checked by Bean Validation, with every violation of both in
 * one {@link ProfileRejected}; and applies merge patches. The mapper and its reader are built once.
 */
@Component
class JsonBodies {

    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule().setDeserializerModifier(new StrictBinding(true)))
            .addHandler(new StrictBinding.Problems())
            .build();
    private final ObjectReader profiles = json.readerFor(ProfileRequest.class);
    private final Validator validator;

    JsonBodies(Validator validator) {
        this.validator = validator;
    }

    /** Parses the body's bytes as they came: text that is not UTF-8 is refused, not read with replacement characters. */
    JsonNode parse(byte[] body) {
        if (body == null || new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new ProfileRejected(List.of(new Violation("", "a JSON object is required")));
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new ProfileRejected(List.of(new Violation("", MalformedJson.reason(e))));
        }
    }

    Profile profile(byte[] body) {
        return read(object(parse(body), "must be a JSON object"));
    }

    /** RFC 7386 JSON Merge Patch of {@code patch} onto the profile, read again with every rule. */
    Profile merge(Profile current, JsonNode patch) {
        return read(apply(json.valueToTree(current), object(patch, "a merge patch must be a JSON object")));
    }

    private static JsonNode object(JsonNode body, String otherwise) {
        if (!body.isObject()) {
            throw new ProfileRejected(List.of(new Violation("", otherwise)));
        }
        return body;
    }

    private Profile read(JsonNode body) {
        List<Violation> unbound = new ArrayList<>();
        ProfileRequest request = profiles.withAttribute(StrictBinding.PROBLEMS, unbound).readValue(body);
        List<Violation> violations = BodyViolations.of(unbound, List.of(), validator.validate(request));
        if (!violations.isEmpty()) {
            throw new ProfileRejected(violations);
        }
        return request.toProfile();
    }

    private static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonMapper.shared().createObjectNode();
        for (var property : patch.properties()) {
            if (property.getValue().isNull()) {
                result.remove(property.getKey());
            } else {
                result.set(property.getKey(), apply(result.get(property.getKey()), property.getValue()));
            }
        }
        return result;
    }
}
