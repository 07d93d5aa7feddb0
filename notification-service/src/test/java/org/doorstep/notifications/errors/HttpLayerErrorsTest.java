package org.doorstep.notifications.errors;

import java.time.Duration;
import java.util.List;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Partners;
import org.doorstep.notifications.RawHttp;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.partner.ApiKeys;
import org.doorstep.notifications.partner.Partner;
import org.doorstep.notifications.partner.PartnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors raised before a controller runs (routing, content negotiation, the request firewall, the HTTP codec)
 * come back as problem+json with the right status, like the service's own errors.
 */
@NotificationServiceTest
class HttpLayerErrorsTest {

    private static final String PROBLEMS = "https://doorstep.example/problems/";

    @LocalServerPort
    int port;

    @Autowired
    PartnerRegistry registry;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    private static void assertProblem(WebTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + type)
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.title").isNotEmpty();
    }

    private static void assertProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).as("content type of %s", response).isNotNull();
        assertThat(MediaType.parseMediaType(response.header(HttpHeaders.CONTENT_TYPE))
                .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as("content type %s",
                response.header(HttpHeaders.CONTENT_TYPE)).isTrue();
        JsonNode body = Events.JSON.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo(PROBLEMS + type);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
    }

    private static String seeker() {
        return "Bearer " + Tokens.seeker(Events.id());
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/json", "text/event-stream", "*/*"})
    void answersAnUnknownPathWithNotFound(String accept) {
        assertProblem(client().get().uri("/api/v1/me/nothing-here").header(HttpHeaders.ACCEPT, accept)
                .header(HttpHeaders.AUTHORIZATION, seeker()).exchange(), 404, "not-found");
        assertProblem(client().get().uri("/nothing-here").header(HttpHeaders.ACCEPT, accept).exchange(), 404, "not-found");
    }

    @Test
    void answersAMethodThePathDoesNotSupportWithMethodNotAllowedAndAllow() {
        WebTestClient.ResponseSpec response = client().delete().uri("/api/v1/me/matches")
                .header(HttpHeaders.AUTHORIZATION, seeker()).exchange();
        response.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET");
        assertProblem(response, 405, "method-not-allowed");
    }

    @Test
    void answersAnUnsupportedBodyTypeWithUnsupportedMediaType() {
        // the partner straight into the registry copy: this test is about the HTTP layer, not the partners topic
        String key = Partners.newKey();
        registry.save(new Partner("p-415-" + Events.id(), "Test board", "ACTIVE", 1, List.of(ApiKeys.sha256Hex(key))))
                .block();
        assertProblem(client().put().uri("/api/v1/partner/webhook").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("https://example.com/hook").exchange(),
                415, "unsupported-media-type");
    }

    @Test
    void answersAnAcceptHeaderItCannotMeetWithNotAcceptable() {
        assertProblem(client().get().uri("/api/v1/me/matches").accept(MediaType.valueOf("text/csv"))
                .header(HttpHeaders.AUTHORIZATION, seeker()).exchange(), 406, "not-acceptable");
        assertProblem(client().get().uri("/api/v1/me/matches").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, seeker()).exchange(), 406, "not-acceptable");
    }

    @Test
    void answersAnInvalidPercentEncodingInThePathWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1/me/matches/%ZZ/dismiss HTTP/1.1"), 400, "bad-request");
    }

    @Test
    void answersAPercentEncodingThatIsNoUtf8WithAProblem() {
        RawHttp.Response response = RawHttp.exchange(port, "GET /api/v1/me/matches/%FF HTTP/1.1");
        assertThat(response.status()).isBetween(400, 499);
        assertProblem(response, response.status(),
                Events.JSON.readTree(response.body()).path("type").asString().substring(PROBLEMS.length()));
    }

    @Test
    void answersTraceWithMethodNotAllowedAndAllow() {
        RawHttp.Response response = RawHttp.exchange(port, "TRACE /api/v1/me/matches HTTP/1.1");
        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header(HttpHeaders.ALLOW)).contains("GET").doesNotContain("TRACE");
    }

    @Test
    void answersATooLongRequestLineWithUriTooLong() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1/me/" + "a".repeat(20_000) + " HTTP/1.1"), 414, "uri-too-long");
    }

    @Test
    void answersTooLargeHeadersWithRequestHeaderFieldsTooLarge() {
        assertProblem(RawHttp.exchange(port, "GET /api/v1/me/matches HTTP/1.1\r\nX-Padding: " + "b".repeat(20_000)),
                431, "request-header-fields-too-large");
    }

    // found by the system tests' HostileRequestsTest

    @Test
    void answersAPathOfTwoSlashesBeforeAQueryWithBadRequest() {
        assertProblem(RawHttp.exchange(port, "GET //?a=1 HTTP/1.1"), 400, "bad-request");
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
        String key = Partners.newKey();
        registry.save(new Partner("p-chunks-" + Events.id(), "Test board", "ACTIVE", 1, List.of(ApiKeys.sha256Hex(key))))
                .block();
        assertProblem(RawHttp.exchange(port, "PUT /api/v1/partner/webhook HTTP/1.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", "zz\r\nnot a chunk\r\n"),
                400, "bad-request");
    }

    @Test
    void answersAHeaderValueTheFirewallRefusesWithBadRequest() {
        // an Accept header carrying control characters is read (and refused) by content negotiation
        assertProblem(RawHttp.exchange(port, "GET /api/v1/me/matches HTTP/1.1\r\nAuthorization: " + seeker()
                + "\r\nAccept: application/json\u0001"), 400, "bad-request");
    }
}
