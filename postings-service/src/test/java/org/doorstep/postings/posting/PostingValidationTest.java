package org.doorstep.postings.posting;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of DESIGN 5 / issue 3 over HTTP: 400 problem+json naming the field, and nothing stored. */
@SuppressWarnings("unchecked")
class PostingValidationTest extends PostingsServiceTest {

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("title longer than 200 characters", "title", b -> b.put("title", "t".repeat(201))),
                rule("title missing", "title", b -> b.remove("title")),
                rule("title blank", "title", b -> b.put("title", "   ")),
                rule("title not a string", "title", b -> b.put("title", 42)),
                rule("description longer than 20,000 characters", "description",
                        b -> b.put("description", "d".repeat(20_001))),
                rule("more than 50 skills", "skills", b -> b.put("skills",
                        Collections.nCopies(51, Map.of("label", "Java", "required", true)))),
                rule("skill with neither label nor escoUri", "skills[0]", b -> b.put("skills",
                        List.of(Map.of("required", true)))),
                rule("skill with unknown property", "skills[0].level", b -> b.put("skills",
                        List.of(Map.of("label", "Java", "level", 3)))),
                rule("latitude above 90", "location.lat", b -> location(b).put("lat", 90.5)),
                rule("longitude below -180", "location.lon", b -> location(b).put("lon", -180.1)),
                rule("location missing", "location", b -> b.remove("location")),
                rule("unknown property inside location", "location.city", b -> location(b).put("city", "Chengdu")),
                rule("salary min above max", "salary.min", b -> salary(b).put("min", 20_000)),
                rule("currency not ISO 4217", "salary.currency", b -> salary(b).put("currency", "ABC")),
                rule("salary period unknown", "salary.period", b -> salary(b).put("period", "FORTNIGHT")),
                rule("negative salary", "salary.min", b -> salary(b).put("min", -1)),
                rule("workplace not an enum value", "workplace", b -> b.put("workplace", "MOON")),
                rule("employment type missing", "employmentType", b -> b.remove("employmentType")),
                rule("education not an enum value", "education", b -> b.put("education", "KINDERGARTEN")),
                rule("target group not an enum value", "targetGroups[0]", b -> b.put("targetGroups", List.of("PIRATES"))),
                rule("accommodation not an enum value", "accommodations[0]",
                        b -> b.put("accommodations", List.of("JETPACK"))),
                rule("vacancies zero", "vacancies", b -> b.put("vacancies", 0)),
                rule("vacancies above 10,000", "vacancies", b -> b.put("vacancies", 10_001)),
                rule("vacancies not an integer", "vacancies", b -> b.put("vacancies", 2.5)),
                rule("vacancies a string", "vacancies", b -> b.put("vacancies", "3")),
                rule("validThrough in the past", "validThrough",
                        b -> b.put("validThrough", Instant.now().minus(1, ChronoUnit.HOURS).toString())),
                rule("validThrough beyond a year", "validThrough",
                        b -> b.put("validThrough", Instant.now().plus(400, ChronoUnit.DAYS).toString())),
                rule("validThrough not a date-time", "validThrough", b -> b.put("validThrough", "next spring")),
                rule("validThrough missing", "validThrough", b -> b.remove("validThrough")),
                rule("language not a language tag", "languages[0]", b -> b.put("languages", List.of("Chinese!"))),
                rule("unknown campaign code", "campaignCodes[0]", b -> b.put("campaignCodes", List.of("NO-SUCH-CAMPAIGN"))),
                rule("unknown top-level property", "salaryRange", b -> b.put("salaryRange", "10k-20k")),
                rule("read-only property", "postingId", b -> b.put("postingId", "mine")),
                rule("negative experience", "minExperienceYears", b -> b.put("minExperienceYears", -1)),
                rule("externalId in body differs from path", "externalId", b -> b.put("externalId", "OTHER")),
                rule("occupation neither ISCO code nor URI", "occupation", b -> b.put("occupation", "programmer")),
                rule("title with NUL", "title", b -> b.put("title", "Welder\u0000")),
                rule("title with a newline", "title", b -> b.put("title", "Welder\nSecond line")),
                rule("title with U+2028 line separator", "title", b -> b.put("title", "Welder\u2028")),
                rule("title with U+202E right-to-left override", "title", b -> b.put("title", "Welder \u202Eredlew")),
                rule("title with U+2067 right-to-left isolate", "title", b -> b.put("title", "\u2067Welder")),
                rule("description with a bell character", "description", b -> b.put("description", "Ring\u0007")),
                rule("description with U+2029 paragraph separator", "description",
                        b -> b.put("description", "One\u2029Two")),
                rule("description with U+202A left-to-right embedding", "description",
                        b -> b.put("description", "\u202AEmbedded")),
                rule("skill label with a zero-width space", "skills[0].label", b -> b.put("skills",
                        List.of(Map.of("label", "Ja\u200Bva", "required", true)))),
                rule("address with an escape character", "location.address",
                        b -> location(b).put("address", "Road \u001B[31m7")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void rejectsBrokenRuleNamingTheFieldAndStoresNothing(String rule, String field,
                                                         Consumer<Map<String, Object>> breakIt) {
        TestPartner partner = partner();
        String externalId = externalId();
        Map<String, Object> body = validPosting("Welder");
        breakIt.accept(body);

        JsonNode problem = json(put(partner, externalId, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(problem.get("type").stringValue()).isEqualTo("https://doorstep.example/problems/validation");
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").stringValue()));
        assertThat(fields).as(rule).containsExactly(field);
        get(partner, externalId).expectStatus().isNotFound();
    }

    @Test
    void rejectsBodyOverTheSizeLimitWith413() {
        TestPartner partner = partner();
        String externalId = externalId();
        Map<String, Object> body = validPosting("Welder");
        body.put("description", "d".repeat(70_000));

        put(partner, externalId, body)
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/payload-too-large");
        get(partner, externalId).expectStatus().isNotFound();
    }

    @Test
    void rejectsMalformedJsonAndNonObjectBodies() {
        TestPartner partner = partner();
        for (String body : List.of("{\"title\": ", "[1,2]", "", "null", "{\"title\":\"a\",\"title\":\"b\"}",
                "{} trailing")) {
            http.put().uri("/api/v1/postings/{id}", "MALFORMED-1")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("$");
        }
        get(partner, "MALFORMED-1").expectStatus().isNotFound();
    }

    @Test
    void rejectsALoneSurrogateEscapedInTheJson() {
        TestPartner partner = partner();
        String externalId = externalId();
        String body = JSON.writeValueAsString(validPosting("TITLE-PLACEHOLDER"))
                .replace("TITLE-PLACEHOLDER", "Welder \\ud800");

        put(partner, externalId, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("title");
        get(partner, externalId).expectStatus().isNotFound();
    }

    @Test
    void acceptsTabsInTextAndLineBreaksInTheDescription() {
        TestPartner partner = partner();
        Map<String, Object> body = validPosting("Cook\tChef");
        body.put("description", "Line one\nLine two\r\n\tindented, 中文 and emoji \uD83D\uDE80");

        JsonNode created = json(put(partner, externalId(), body).expectStatus().isCreated());

        assertThat(created.get("title").stringValue()).isEqualTo("Cook\tChef");
        assertThat(created.get("description").stringValue()).contains("\n\tindented").endsWith("\uD83D\uDE80");
    }

    @Test
    void acceptsMinimalPostingWithDefaults() {
        TestPartner partner = partner();
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("title", "Cleaner");
        body.put("location", Map.of("lat", 39.9, "lon", 116.4));
        body.put("workplace", "ONSITE");
        body.put("employmentType", "PART_TIME");
        body.put("validThrough", Instant.now().plus(10, ChronoUnit.DAYS).toString());

        JsonNode created = json(put(partner, externalId(), body).expectStatus().isCreated());

        assertThat(created.get("vacancies").asInt()).isEqualTo(1);
        assertThat(created.get("skills")).isEmpty();
        assertThat(created.get("salary").isNull()).isTrue();
    }

    private TestPartner cached;

    private TestPartner partner() {
        if (cached == null) {
            cached = registerPartner();
        }
        return cached;
    }

    private static Arguments rule(String name, String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(name, field, breakIt);
    }

    private static Map<String, Object> location(Map<String, Object> body) {
        return (Map<String, Object>) body.get("location");
    }

    private static Map<String, Object> salary(Map<String, Object> body) {
        return (Map<String, Object>) body.get("salary");
    }
}
