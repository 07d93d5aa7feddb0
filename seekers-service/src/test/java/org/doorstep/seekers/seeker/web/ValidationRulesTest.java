package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every rule of the profile, one at a time: the problem names exactly the offending field. */
class ValidationRulesTest extends SeekersServiceTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("displayName", "42", "displayName", "must be a string"),
                rule("displayName", "\"  \"", "displayName", "must not be blank"),
                rule("displayName", "\"" + "x".repeat(101) + "\"", "displayName", "at most 100"),
                rule("displayName", "\"a\\u0007b\"", "displayName", "control characters"),
                rule("displayName", "\"Ali\\u202Eecila\"", "displayName", "format characters"),
                rule("skills", "[{\"label\": \"x\\u202Ey\"}]", "skills[0].label", "format characters"),
                rule("licences", "[\"A\\u2028B\"]", "licences[0]", "format characters"),
                rule("contact", "[]", "contact", "must be an object"),
                rule("contact.email", "\"nobody\"", "contact.email", "must match"),
                rule("contact.phone", "\"call me\"", "contact.phone", "must match"),
                rule("contact.fax", "\"123\"", "contact.fax", "unknown property"),
                rule("location", "{\"lon\": 104}", "location.lat", "is required"),
                rule("location.lat", "90.5", "location.lat", "between -90 and 90"),
                rule("location.lon", "-180.1", "location.lon", "between -180 and 180"),
                rule("location.regionCode", "\"51 01\"", "location.regionCode", "must match"),
                rule("maxDistanceKm", "-0.5", "maxDistanceKm", "between 0 and 20000"),
                rule("remoteOk", "\"true\"", "remoteOk", "true or false"),
                rule("desiredOccupations", "\"2512\"", "desiredOccupations", "must be an array"),
                rule("desiredOccupations", "[\"2512\", \"2512\"]", "desiredOccupations[1]", "duplicate"),
                rule("desiredOccupations", "[null]", "desiredOccupations[0]", "must not be null"),
                rule("skills", "[{\"level\": \"BASIC\"}]", "skills[0]", "label or an escoUri"),
                rule("skills", "[{\"label\": \"Java\", \"level\": \"GURU\"}]", "skills[0].level", "must be one of"),
                rule("skills", "[{\"escoUri\": \"urn:x\"}]", "skills[0].escoUri", "must match"),
                rule("skills", "[{\"label\": \"Java\", \"years\": 3}]", "skills[0].years", "unknown property"),
                rule("education", "\"PHD\"", "education", "must be one of"),
                rule("experienceYears", "80.5", "experienceYears", "between 0 and 80"),
                rule("salaryExpectation", "{\"min\": 1, \"period\": \"MONTH\"}", "salaryExpectation.currency", "is required"),
                rule("salaryExpectation.currency", "\"cny\"", "salaryExpectation.currency", "must match"),
                rule("salaryExpectation.period", "\"FORTNIGHT\"", "salaryExpectation.period", "must be one of"),
                rule("salaryExpectation.min", "-1", "salaryExpectation.min", "between 0"),
                rule("employmentTypes", "[\"CONTRACT\"]", "employmentTypes[0]", "must be one of"),
                rule("languages", "[\"Chinese\"]", "languages[0]", "must match"),
                rule("licences", "\"forklift licence\"", "licences", "must be an array"),
                rule("licences", "[null]", "licences[0]", "must not be null"),
                rule("licences", "[\"  \"]", "licences[0]", "must not be blank"),
                rule("licences", "[\"" + "x".repeat(101) + "\"]", "licences[0]", "at most 100"),
                rule("licences", "[\"a\\u0007b\"]", "licences[0]", "control characters"),
                rule("keyGroups", "[\"VETERAN\"]", "keyGroups[0]", "must be one of"),
                rule("accommodationNeeds", "[\"JETPACK\"]", "accommodationNeeds[0]", "must be one of"),
                rule("consent.keyGroups", "1", "consent.keyGroups", "true or false"),
                rule("consent.marketing", "true", "consent.marketing", "unknown property"),
                rule("notifications.channels", "[\"SMS\"]", "notifications.channels[0]", "must be one of"),
                rule("notifications.channels", "[\"INBOX\", \"INBOX\"]", "notifications.channels[1]", "duplicate"),
                rule("notifications.quietHours", "{\"start\": \"22:00\", \"end\": \"7:00\", \"zone\": \"UTC\"}",
                        "notifications.quietHours.end", "must match"),
                rule("notifications.quietHours", "{\"start\": \"22:00\", \"end\": \"22:00\", \"zone\": \"UTC\"}",
                        "notifications.quietHours.end", "must differ"),
                rule("notifications.quietHours", "{\"start\": \"22:00\", \"end\": \"07:00\", \"zone\": \"GMT+8\"}",
                        "notifications.quietHours.zone", "IANA"),
                rule("notifications.quietHours", "{\"start\": \"22:00\", \"end\": \"07:00\"}",
                        "notifications.quietHours.zone", "is required"),
                rule("notifications.maxPerDay", "2.5", "notifications.maxPerDay", "integer"),
                rule("notifications.maxPerDay", "1001", "notifications.maxPerDay", "between 0 and 1000"),
                rule("notifications.digest", "{\"mode\": \"WEEKLY\"}", "notifications.digest.mode", "must be one of"),
                rule("notifications.digest", "{\"mode\": \"DAILY\", \"zone\": \"Asia/Shanghai\"}",
                        "notifications.digest.at", "is required"),
                rule("notifications.digest", "{\"mode\": \"NONE\", \"at\": \"18:00\"}", "notifications.digest.at",
                        "only with mode DAILY"),
                rule("notifications.digest", "{\"at\": \"18:00\"}", "notifications.digest.mode", "is required"),
                rule("notifications.minScore", "1.01", "notifications.minScore", "between 0 and 1"),
                rule("notifications.pushToken", "7", "notifications.pushToken", "must be a string"),
                rule("notifications", "{\"channels\": [\"PUSH\"]}", "notifications.pushToken", "required with the channel PUSH"),
                rule("notifications", "{\"channels\": []}", "notifications.channels", "at least one"),
                rule("shoeSize", "42", "shoeSize", "unknown property"));
    }

    private static Arguments rule(String path, String value, String field, String reason) {
        return Arguments.of(path, value, field, reason);
    }

    @ParameterizedTest(name = "{0} = {1} is refused at {2}")
    @MethodSource("rules")
    void refusesTheProfileNamingTheBrokenRule(String path, String value, String field, String reason) {
        ObjectNode profile = (ObjectNode) json(FULL_PROFILE);
        set(profile, path, json(value));

        JsonNode problem = json(http.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(profile.toString())
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").stringValue()).isEqualTo(field);
            assertThat(error.get("reason").stringValue()).contains(reason);
        });
    }

    /** Bytes that are not UTF-8 are refused, not stored with replacement characters (they were, as "A\uFFFDB"). */
    @org.junit.jupiter.api.Test
    void refusesABodyThatIsNotUtf8AndKeepsTheJoinersOfANameThatUsesThem() {
        byte[] latin1 = "{\"displayName\":\"A\u00ffB\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        JsonNode problem = json(http.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(latin1).exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(problem.path("errors").get(0).path("reason").stringValue()).contains("UTF-8");

        ObjectNode profile = (ObjectNode) json(FULL_PROFILE);
        profile.put("displayName", "\u0645\u06cc\u200c\u0631\u0627"); // a Persian name with a zero-width non-joiner
        http.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON).bodyValue(profile.toString())
                .exchange().expectStatus().isCreated();
    }

    /** A body that is no JSON is named so, without the parser's advice on its own settings ("enable `JsonReadFeature...`"). */
    @org.junit.jupiter.api.Test
    void namesMalformedJsonWithoutTheParsersInsides() {
        JsonNode problem = json(http.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"displayName\": NaN}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(problem.path("errors").get(0).path("reason").stringValue()).startsWith("malformed JSON")
                .doesNotContain("Feature", "org.doorstep");
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        List<String> parts = List.of(path.split("\\."));
        ObjectNode node = root;
        for (String part : parts.subList(0, parts.size() - 1)) {
            node = node.get(part) instanceof ObjectNode child ? child : node.putObject(part);
        }
        node.set(parts.getLast(), value);
    }
}
