package org.doorstep.seekers.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.RawHttp;
import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Errors that happen before a controller runs (routing, content negotiation, the HTTP codec, the firewall) come
 * back as problem+json with the right status, like the service's own errors.
 */
class HttpLayerErrorsTest extends SeekersServiceTest {

    private static final String PROBLEMS = "https://doorstep.example/problems/";

    @LocalServerPort
    int port;

    private static void assertProblem(WebTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty();
    }

    private static void assertProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(MediaType.parseMediaType(response.header(HttpHeaders.CONTENT_TYPE)).isCompatibleWith(
                MediaType.APPLICATION_PROBLEM_JSON)).as("content type %s", response.header(HttpHeaders.CONTENT_TYPE)).isTrue();
        JsonNode body = json(response.body());
        assertThat(body.path("type").stringValue()).isEqualTo(PROBLEMS + type);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").stringValue()).isNotBlank();
    }

    @Test
    void answersAnUnknownPathWithNotFound() {
        Registered seeker = register("{}");
        assertProblem(http.get().uri("/api/v1/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token()).exchange(), 404, "not-found");
    }

    @Test
    void answersAMethodThePathDoesNotSupportWithMethodNotAllowedAndAllow() {
        Registered seeker = register("{}");
        WebTestClient.ResponseSpec response = http.delete().uri("/api/v1/seekers")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token()).exchange();
        response.expectHeader().valueEquals(HttpHeaders.ALLOW, "POST");
        assertProblem(response, 405, "method-not-allowed");
    }

    @Test
    void answersAnUnsupportedBodyTypeWithUnsupportedMediaType() {
        assertProblem(http.post().uri("/api/v1/seekers").contentType(MediaType.TEXT_PLAIN).bodyValue("{}").exchange(),
                415, "unsupported-media-type");
    }

    @Test
    void answersAnAcceptHeaderItCannotMeetWithNotAcceptable() {
        Registered seeker = register("{}");
        assertProblem(http.get().uri("/api/v1/seekers/me").accept(MediaType.valueOf("text/csv"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token()).exchange(), 406, "not-acceptable");
    }

    @Test
    void answersAnInvalidPercentEncodingInThePathWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1/seekers/%ZZ HTTP/1.1"), 400, "bad-request");
    }

    @Test
    void answersAPercentEncodingThatIsNoUtf8WithNotFound() {
        Registered seeker = register("{}");
        assertProblem(RawHttp.exchange(port, "GET /api/v1/seekers/%FF HTTP/1.1\r\nAuthorization: Bearer " + seeker.token()),
                404, "not-found");
    }

    @Test
    void answersAPathTheFirewallRejectsWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1//seekers/me HTTP/1.1"), 400, "bad-request");
        assertProblem(RawHttp.exchange(port, "GET /api/v1/seekers/%2e%2e/me HTTP/1.1"), 400, "bad-request");
    }

    @Test
    void answersAHeaderLineThatIsNoHeaderWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1/seekers/me HTTP/1.1\r\nthis is no header"), 400, "bad-request");
    }

    @Test
    void answersTraceWithMethodNotAllowedAndAllow() {
        RawHttp.Response response = RawHttp.exchange(port, "TRACE /api/v1/seekers/me HTTP/1.1");
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header(HttpHeaders.ALLOW)).isEqualTo("GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS");
    }

    @Test
    void answersATooLongRequestLineWithUriTooLong() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1/seekers/" + "a".repeat(20_000) + " HTTP/1.1"), 414, "uri-too-long");
    }

    // found by the system tests' HostileRequestsTest

    @Test
    void answersAPathOfTwoSlashesBeforeAQueryWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "GET //?a=1 HTTP/1.1"), 400, "bad-request");
    }

    @Test
    void answersAQueryParameterNameTheFirewallRefusesWithBadRequestNotAnInternalError() {
        // the firewall checks the query when a handler first reads it: here the actuator, after every filter
        assertProblem(RawHttp.exchange(port, "GET /actuator/info?%00=1 HTTP/1.1"), 400, "bad-request");
    }

    @Test
    void answersAnEncodedSlashInThePathWithBadRequestNotAFailureOfTheHealthEndpoint() {
        assertProblem(RawHttp.exchange(port, "GET /actuator/health/readiness%2Fhx HTTP/1.1"), 400, "bad-request");
    }

    @Test
    void answersAnUnknownHealthGroupWithANotFoundProblem() {
        assertProblem(RawHttp.exchange(port, "GET /actuator/health/no-such-group HTTP/1.1"), 404, "not-found");
    }

    @Test
    void answersAHeadOfAnUnknownHealthGroupWithProblemJsonAndNoBody() {
        RawHttp.Response response = RawHttp.exchange(port, "HEAD /actuator/health/no-such-group HTTP/1.1");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answersAnAcceptHeaderThatNamesNoMediaTypeWithAProblemBody() {
        assertProblem(RawHttp.exchange(port, "GET /actuator/health/readiness HTTP/1.1\r\nAccept: foo"), 406, "not-acceptable");
    }

    @Test
    void answersAnAcceptHeaderNamingAnEmptyMediaTypeWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "GET /actuator/health HTTP/1.1\r\nAccept: ,"), 400, "bad-request");
    }

    @Test
    void answersABodyWhoseChunksCannotBeDecodedWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "POST /api/v1/seekers HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked", "zz\r\nnot a chunk\r\n"), 400, "bad-request");
    }

    @Test
    void answersTooLargeHeadersWithRequestHeaderFieldsTooLarge() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1/seekers/me HTTP/1.1\r\nX-Padding: " + "b".repeat(20_000)),
                431, "request-header-fields-too-large");
    }
}
