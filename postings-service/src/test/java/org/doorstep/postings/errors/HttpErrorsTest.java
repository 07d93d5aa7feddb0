package org.doorstep.postings.errors;

import java.util.List;

import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.postings.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised before a controller runs (routing, content negotiation, the HTTP codec) answer
 * {@code application/problem+json} with the right status, never an empty body or Spring's default error JSON.
 */
class HttpErrorsTest extends PostingsServiceTest {

    @Test
    void unknownPathIs404Problem() {
        EntityExchangeResult<byte[]> result = http.get().uri("/api/v1/nothing-here").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();

        assertProblem(JSON.readTree(result.getResponseBody()), 404, "not-found");
    }

    @Test
    void wrongMethodIs405ProblemWithAllow() {
        EntityExchangeResult<byte[]> result = http.delete().uri("/api/v1/campaigns")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();

        assertThat(result.getResponseHeaders().getAllow()).contains(HttpMethod.GET, HttpMethod.POST);
        assertProblem(JSON.readTree(result.getResponseBody()), 405, "method-not-allowed");
    }

    @Test
    void unsupportedMediaTypeIs415Problem() {
        EntityExchangeResult<byte[]> result = http.post().uri("/api/v1/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=Board")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();

        assertProblem(JSON.readTree(result.getResponseBody()), 415, "unsupported-media-type");
    }

    /** Every endpoint that reads a body reads only its own media type (exploratory testing found plain text taken). */
    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource({
            "PUT, /api/v1/postings/CT-1, text/plain, partner",
            "PUT, /api/v1/postings/CT-1, application/x-www-form-urlencoded, partner",
            "POST, /api/v1/postings:batch, text/plain, partner",
            "POST, /api/v1/campaigns, text/plain, operator",
            "PUT, /api/v1/campaigns/CT-1, application/xml, operator"})
    void aBodyOfAnotherMediaTypeIs415ProblemAndChangesNothing(String method, String path, String type, String who) {
        String auth = "partner".equals(who) ? "Bearer " + registerPartner().apiKey() : "Bearer " + OPERATOR_TOKEN;
        EntityExchangeResult<byte[]> result = http.method(HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, auth)
                .contentType(MediaType.valueOf(type))
                .bodyValue("{\"title\":\"Welder\",\"name\":\"Drive\",\"externalId\":\"CT-1\"}")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();

        assertProblem(JSON.readTree(result.getResponseBody()), 415, "unsupported-media-type");
        http.get().uri(path.startsWith("/api/v1/campaigns") ? "/api/v1/campaigns/CT-1" : "/api/v1/postings/CT-1")
                .header(HttpHeaders.AUTHORIZATION, path.startsWith("/api/v1/campaigns") ? "Bearer " + OPERATOR_TOKEN : auth)
                .exchange().expectStatus().isNotFound();
    }

    /** A body that is no JSON is named so, with where the parser stopped, and nothing of the service's insides. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"title":"Welder"} {}
            {"title": NaN}
            {"title": "Welder",""")
    void malformedJsonIsNamedWithoutTheServicesInsides(String body) {
        EntityExchangeResult<byte[]> result = http.put().uri("/api/v1/postings/MJ-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + registerPartner().apiKey())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest().expectBody().returnResult();
        String reason = JSON.readTree(result.getResponseBody()).path("errors").get(0).path("reason").asString();
        assertThat(reason).startsWith("malformed JSON").contains("line 1")
                .doesNotContain("org.doorstep", "Feature", "bound as");
    }

    @Test
    void notAcceptableIs406Problem() {
        EntityExchangeResult<byte[]> result = http.get().uri("/api/v1/campaigns")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .accept(MediaType.valueOf("text/csv"))
                .exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult();

        assertProblem(JSON.readTree(result.getResponseBody()), 406, "not-acceptable");
    }

    /** Requests no client library would send, each answered with a problem of its own status. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a bad percent-encoding in the path           | GET   | /api/v1/postings/%ZZ                    |          | 400 | bad-request
            TRACE                                        | TRACE | /api/v1/postings                        |          | 405 | method-not-allowed
            a request line that is too long              | GET   | /api/v1/postings/<20000 x>              |          | 414 | uri-too-long
            headers that are too large                   | GET   | /api/v1/postings                        | <padded> | 431 | request-header-fields-too-large
            a path of two slashes before a query         | POST  | //?status=1                             |          | 400 | bad-request
            an encoded slash in a health path            | GET   | /actuator/health/readiness%2Fhx         |          | 400 | bad-request
            an unknown health group                      | GET   | /actuator/health/no-such-group          |          | 404 | not-found
            an Accept header that is not a media type    | GET   | /api/v1/nothing-here                    | Accept: foo | 404 | not-found
            an Accept header naming an empty media type  | GET   | /actuator/health                        | Accept: ,   | 400 | bad-request
            """)
    void aRequestNoClientSendsIsAProblem(String what, String method, String target, String header, int status,
                                         String slug) {
        String path = target.replace("<20000 x>", "x".repeat(20_000));
        String headers = header == null ? "" : header.replace("<padded>", "X-Padding: " + "y".repeat(20_000)) + "\r\n";

        assertRawProblem(RawHttp.send(port, method, path, headers), status, slug);
    }

    // found by the system tests' HostileRequestsTest

    @Test
    void aQueryParameterNameTheFirewallRefusesIs400ProblemOnTheActuatorAndTheApi() {
        RawHttp.Response health = RawHttp.send(port, "GET", "/actuator/health/readiness?%00=1", "");
        RawHttp.Response api = RawHttp.send(port, "GET", "/api/v1/postings?%00=1",
                "Authorization: Bearer " + registerPartner().apiKey() + "\r\n");

        for (RawHttp.Response response : List.of(health, api)) {
            assertRawProblem(response, 400, "bad-request");
        }
    }

    @Test
    void anAcceptHeaderThatIsNotAMediaTypeOnAnEndpointThatAnswersIs406Problem() {
        RawHttp.Response response = RawHttp.send(port, "GET", "/api/v1/campaigns",
                "Authorization: Bearer " + OPERATOR_TOKEN + "\r\nAccept: foo/bar/baz\r\n");

        assertRawProblem(response, 406, "not-acceptable");
    }

    @Test
    void aHeadOfAnUnknownHealthGroupSaysProblemJsonAndHasNoBody() {
        RawHttp.Response response = RawHttp.send(port, "HEAD", "/actuator/health/no-such-group", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("content-type")).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aBodyWhoseChunksCannotBeDecodedIs400Problem() {
        RawHttp.Response response = RawHttp.raw(port, "POST /api/v1/partners HTTP/1.1\r\n"
                + "Authorization: Bearer " + OPERATOR_TOKEN + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nnot a chunk\r\n");

        assertRawProblem(response, 400, "bad-request");
    }

    private static void assertRawProblem(RawHttp.Response response, int status, String slug) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertProblem(JSON.readTree(response.body()), status, slug);
    }

    private static void assertProblem(JsonNode problem, int status, String type) {
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").stringValue()).isEqualTo("https://doorstep.example/problems/" + type);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        // not Spring Boot's default error attributes
        assertThat(problem.has("timestamp")).isFalse();
        assertThat(problem.has("trace")).isFalse();
    }
}
