package org.doorstep.matching.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.doorstep.matching.MatchingServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors raised before any controller runs (no route, wrong method, media types, a malformed or oversized
 * request, TRACE) answer with RFC 9457 problem details like every other error, never an empty body or
 * Spring's default error JSON.
 */
class HttpErrorsTest extends MatchingServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void answersAnUnknownPathWithANotFoundProblem() {
        client().get().uri("/api/v1/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.error").doesNotExist();
    }

    @Test
    void answersAWrongMethodWithAMethodNotAllowedProblemThatNamesTheAllowedMethods() {
        client().delete().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isEqualTo(405)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET"))
                .expectBody().jsonPath("$.status").isEqualTo(405)
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/method-not-allowed");
    }

    /** Bodies are bound strictly (issue 14): nothing unknown is ignored, nothing of the wrong JSON type coerced. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"text": "cook", "colour": 1}      | colour | unknown property
            {"text": 42}                        | text   | must be a string
            {"text": true}                      | text   | must be a string
            {"text": ["cook"]}                  | text   | must be a string
            {"text": "cook", "limit": "5"}      | limit  | must be an integer
            {"text": "cook", "limit": 2.5}      | limit  | must be an integer
            {"text": "cook"} {"text": "baker"}  | ''     | more than one JSON value at line 1, column 18
            {"text": "cook"                     | ''     | malformed JSON at line 1, column 16
            ["cook"]                            | ''     | must be an object
            """)
    void namesTheFieldOfABodyThatCannotBeBoundAndIgnoresNothing(String body, String field, String reason) {
        client().post().uri("/api/v1/skills:extract").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].reason").isEqualTo(reason)
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains(reason));
    }

    @Test
    void namesAMissingParameter() {
        client().get().uri("/api/v1/matches/explain?postingId=p-1").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("seekerId")
                .jsonPath("$.errors[0].reason").isEqualTo("is required");
    }

    /** An id is printable ASCII: a percent-decoded byte or a bidi control is a 400 naming it (it was explained). */
    @ParameterizedTest
    @CsvSource({"postingId, %FF", "seekerId, %E2%80%AE", "postingId, %20"})
    void namesAnIdThatCannotBeOne(String field, String encoded) {
        String query = "postingId=" + ("postingId".equals(field) ? encoded : "p-1") + "&seekerId="
                + ("seekerId".equals(field) ? encoded : "s-1");
        client().get().uri(java.net.URI.create("http://localhost:" + port + "/api/v1/matches/explain?" + query))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void answersAnUnsupportedBodyTypeWithAnUnsupportedMediaTypeProblem() {
        client().post().uri("/api/v1/skills:extract").contentType(MediaType.TEXT_PLAIN).bodyValue("Java")
                .exchange().expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(415)
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unsupported-media-type");
    }

    @Test
    void answersAnUnproducibleAcceptWithANotAcceptableProblem() {
        client().get().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .accept(MediaType.APPLICATION_XML)
                .exchange().expectStatus().isEqualTo(406)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(406)
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/not-acceptable");
    }

    @Test
    void answersAMalformedPercentEncodingInThePathWithABadRequestProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET /api/v1/matches/%ZZ HTTP/1.1");

        assertProblem(response, 400);
        assertThat(json(response).path("type").asString()).isEqualTo("https://doorstep.example/problems/bad-request");
    }

    @Test
    void answersAPercentEncodingThatIsNoUtf8WithAProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET /api/v1/%FF%FE HTTP/1.1");

        assertThat(response.status()).isBetween(400, 404);
        assertProblem(response, response.status());
    }

    @Test
    void answersARequestLineBeyondTheLimitWithAUriTooLongProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET /api/v1/stats?q=" + "a".repeat(10_000) + " HTTP/1.1");

        assertProblem(response, 414);
    }

    @Test
    void answersHeadersBeyondTheLimitWithAHeaderFieldsTooLargeProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET /api/v1/stats HTTP/1.1", "X-Padding: " + "a".repeat(20_000));

        assertProblem(response, 431);
    }

    @Test
    void answersTraceWithAMethodNotAllowedProblem() {
        RawHttp.Response response = RawHttp.send(port, "TRACE /api/v1/stats HTTP/1.1",
                "Authorization: Bearer " + OPERATOR_TOKEN);

        assertProblem(response, 405);
        assertThat(response.header(HttpHeaders.ALLOW)).contains("GET").doesNotContain("TRACE");
    }

    @Test
    void answersTraceOnAnUnknownPathWithAProblem() {
        WebTestClient.ResponseSpec response = client().method(HttpMethod.TRACE).uri("/no-such-thing").exchange();

        response.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectStatus().value(status -> assertThat(status).isIn(404, 405));
    }

    // found by the system tests' HostileRequestsTest

    @Test
    void answersAPathOfTwoSlashesBeforeAQueryWithABadRequestProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET //?a=1 HTTP/1.1");

        assertProblem(response, 400);
        assertThat(json(response).path("type").asString()).isEqualTo("https://doorstep.example/problems/bad-request");
    }

    @Test
    void answersAnEncodedSlashInThePathWithABadRequestProblemNotAFailureOfTheHealthEndpoint() {
        RawHttp.Response response = RawHttp.send(port, "GET /actuator/health/readiness%2Fhx HTTP/1.1");

        assertProblem(response, 400);
        assertThat(json(response).path("type").asString()).isEqualTo("https://doorstep.example/problems/bad-request");
    }

    @Test
    void answersAQueryParameterNameTheFirewallRefusesWithABadRequestProblemOnTheActuator() {
        RawHttp.Response response = RawHttp.send(port, "GET /actuator/prometheus?%00=1 HTTP/1.1",
                "Authorization: Bearer " + OPERATOR_TOKEN);

        assertProblem(response, 400);
        assertThat(json(response).path("type").asString()).isEqualTo("https://doorstep.example/problems/bad-request");
    }

    @Test
    void answersAnUnknownHealthGroupWithANotFoundProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET /actuator/health/no-such-group HTTP/1.1");

        assertProblem(response, 404);
        assertThat(json(response).path("type").asString()).isEqualTo("https://doorstep.example/problems/not-found");
    }

    @Test
    void answersAHeadOfAnUnknownHealthGroupWithProblemJsonAndNoBody() {
        RawHttp.Response response = RawHttp.send(port, "HEAD /actuator/health/no-such-group HTTP/1.1");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answersAnAcceptHeaderThatNamesNoMediaTypeWithAProblemBody() {
        RawHttp.Response response = RawHttp.send(port, "GET /actuator/health/readiness HTTP/1.1", "Accept: foo");

        assertProblem(response, 406);
        assertThat(json(response).path("type").asString()).isEqualTo("https://doorstep.example/problems/not-acceptable");
    }

    @Test
    void answersAnAcceptHeaderNamingAnEmptyMediaTypeWithABadRequestProblem() {
        RawHttp.Response response = RawHttp.send(port, "GET /actuator/health HTTP/1.1", "Accept: ,");

        assertProblem(response, 400);
        assertThat(json(response).path("type").asString()).isEqualTo("https://doorstep.example/problems/bad-request");
    }

    @Test
    void answersABodyWhoseChunksCannotBeDecodedWithABadRequestProblem() {
        RawHttp.Response response = RawHttp.sendWithBody(port, "POST /api/v1/skills:extract HTTP/1.1",
                "zz\r\nnot a chunk\r\n", "Content-Type: application/json", "Transfer-Encoding: chunked");

        assertProblem(response, 400);
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("type").asString()).startsWith("https://doorstep.example/problems/");
    }

    private static JsonNode json(RawHttp.Response response) {
        return JSON.readTree(response.body());
    }
}
