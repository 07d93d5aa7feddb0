package org.doorstep.postings.posting;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.postings.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An externalId is what the partner sent, byte for byte: a path segment that is not valid UTF-8 once
 * percent-decoded, or that holds a character that does not print (control, format, surrogate, private use,
 * unassigned, line or paragraph separator), is refused rather than turned into U+FFFD, which made two
 * different ids one posting.
 */
class ExternalIdTest extends PostingsServiceTest {

    static Stream<Arguments> unprintableOrUndecodableIds() {
        return Stream.of(
                Arguments.of("%FF", "not UTF-8"),
                Arguments.of("%FE", "not UTF-8"),
                Arguments.of("%C3%28", "truncated UTF-8 sequence"),
                Arguments.of("%ED%A0%80", "a lone surrogate"),
                Arguments.of("%00", "NUL"),
                Arguments.of("%E2%80%A8", "U+2028 line separator"),
                Arguments.of("%E2%80%AE", "U+202E right-to-left override"),
                Arguments.of("JOB-%E2%81%A6-1", "U+2066 left-to-right isolate"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("unprintableOrUndecodableIds")
    void refusesAnIdThatIsNotPrintableUtf8AndCreatesNothing(String encodedId, String what) {
        TestPartner partner = registerPartner();

        RawHttp.Response response = RawHttp.send(port, "PUT", "/api/v1/postings/" + encodedId,
                "Authorization: Bearer " + partner.apiKey() + "\r\n", JSON.writeValueAsString(validPosting("Welder")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("https://doorstep.example/problems/validation");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").stringValue()).isEqualTo("externalId");
        assertThat(problem.get("errors").get(0).get("reason").stringValue()).isNotBlank();
        assertThat(postingsOf(partner)).isEmpty();
    }

    @Test
    void twoDifferentUndecodableIdsNoLongerBecomeOnePosting() {
        TestPartner partner = registerPartner();
        String auth = "Authorization: Bearer " + partner.apiKey() + "\r\n";

        RawHttp.Response first = RawHttp.send(port, "PUT", "/api/v1/postings/%FF", auth,
                JSON.writeValueAsString(validPosting("First posting")));
        RawHttp.Response second = RawHttp.send(port, "PUT", "/api/v1/postings/%FE", auth,
                JSON.writeValueAsString(validPosting("Second posting")));

        assertThat(first.status()).isEqualTo(400);
        assertThat(second.status()).isEqualTo(400);
        assertThat(postingsOf(partner)).isEmpty();
    }

    @Test
    void reportsTheIdOfGetAndDeleteTooRatherThanLookingUpAReplacementCharacter() {
        TestPartner partner = registerPartner();

        RawHttp.Response get = RawHttp.send(port, "GET", "/api/v1/postings/%FF",
                "Authorization: Bearer " + partner.apiKey() + "\r\n");
        RawHttp.Response delete = RawHttp.send(port, "DELETE", "/api/v1/postings/%E2%80%AE",
                "Authorization: Bearer " + partner.apiKey() + "\r\n");

        assertThat(get.status()).isEqualTo(400);
        assertThat(JSON.readTree(get.body()).get("errors").get(0).get("field").stringValue()).isEqualTo("externalId");
        assertThat(delete.status()).isEqualTo(400);
        assertThat(JSON.readTree(delete.body()).get("errors").get(0).get("field").stringValue()).isEqualTo("externalId");
    }

    @Test
    void acceptsAValidNonAsciiId() {
        TestPartner partner = registerPartner();
        String externalId = "招聘-2026";

        JsonNode created = json(http.put().uri(URI.create("http://localhost:" + port + "/api/v1/postings/"
                        + "%E6%8B%9B%E8%81%98-2026"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(validPosting("Recruiter")))
                .exchange()
                .expectStatus().isCreated());

        assertThat(created.get("externalId").stringValue()).isEqualTo(externalId);
        assertThat(json(get(partner, externalId).expectStatus().isOk()).get("postingId").stringValue())
                .isEqualTo(created.get("postingId").stringValue());
    }

    @Test
    void refusesABatchLineWhoseExternalIdDoesNotPrint() {
        TestPartner partner = registerPartner();
        Map<String, Object> line = validPosting("Bidi");
        line.put("externalId", "JOB-\u202Eevil");

        String results = http.post().uri("/api/v1/postings:batch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(JSON.writeValueAsString(line) + "\n")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        JsonNode result = JSON.readTree(results.strip());
        assertThat(result.get("status").asInt()).isEqualTo(400);
        assertThat(result.get("problems").get(0).get("field").stringValue()).isEqualTo("externalId");
        assertThat(postingsOf(partner)).isEmpty();
    }

    private List<JsonNode> postingsOf(TestPartner partner) {
        JsonNode page = json(http.get().uri("/api/v1/postings")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange()
                .expectStatus().isOk());
        return page.get("items").valueStream().toList();
    }
}
