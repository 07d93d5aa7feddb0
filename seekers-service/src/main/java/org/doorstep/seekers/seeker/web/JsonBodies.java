package org.doorstep.seekers.seeker.web;

import java.util.List;

import org.doorstep.seekers.seeker.Profile;
import org.doorstep.seekers.seeker.ProfileRejected;
import org.doorstep.seekers.seeker.Violation;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Parses request bodies strictly (duplicate keys and trailing content are errors) and applies merge patches. */
@Component
class JsonBodies {

    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ProfileRejected(List.of(new Violation("", "a JSON object is required")));
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            String reason = e.getOriginalMessage();
            if (reason == null) {
                reason = "unreadable";
            }
            reason = reason.length() > 200 ? reason.substring(0, 200) + "..." : reason;
            throw new ProfileRejected(List.of(new Violation("", "malformed JSON: " + reason)));
        }
    }

    Profile profile(String body) {
        return ProfileReader.read(parse(body));
    }

    /** RFC 7386 JSON Merge Patch of {@code patch} onto the profile, read again with every rule. */
    Profile merge(Profile current, JsonNode patch) {
        if (!patch.isObject()) {
            throw new ProfileRejected(List.of(new Violation("", "a merge patch must be a JSON object")));
        }
        JsonNode target = json.valueToTree(current);
        return ProfileReader.read(apply(target, patch));
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
