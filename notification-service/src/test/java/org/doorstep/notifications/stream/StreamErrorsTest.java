package org.doorstep.notifications.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.RawHttp;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream request that fails before the stream starts is answered with its status as problem+json, also when
 * the client accepts only {@code text/event-stream} (an EventSource then sees a failed connection), never as an
 * SSE {@code data:} line under 200 or as a 500.
 */
@NotificationServiceTest
class StreamErrorsTest {

    private static final String STREAM = "/api/v1/me/matches/stream";

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    /** What an app sends: the header's UTF-8 bytes, on a raw socket (client libraries would re-encode it). */
    @ParameterizedTest(name = "Last-Event-ID: {0}")
    @ValueSource(strings = {"\uD83D\uDE00", "１２", "12\uD83D\uDE00", "é", "-1", "99999999999999999999", "0x10"})
    void aLastEventIdThatIsNoEventIdIsABadRequestNamingTheHeader(String lastEventId) {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + STREAM + " HTTP/1.1\r\n"
                + "Accept: text/event-stream\r\n"
                + "Authorization: Bearer " + Tokens.seeker(Events.id()) + "\r\n"
                + "Last-Event-ID: " + lastEventId, StandardCharsets.UTF_8);

        assertThat(response.status()).isEqualTo(400);
        assertThat(MediaType.parseMediaType(response.header(HttpHeaders.CONTENT_TYPE)))
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        var problem = Events.JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://doorstep.example/problems/validation");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("Last-Event-ID");
    }

    @Test
    void aBadLastEventIdQueryParameterIsABadRequestToo() {
        client().get().uri(STREAM + "?lastEventId=abc").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.seeker(Events.id()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
    }

    @Test
    void aStreamRequestWithoutValidTokenIsA401ProblemNotAnEventStream() {
        client().get().uri(STREAM).accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void anUnknownStreamPathIsA404ProblemNotAnEventStream() {
        client().get().uri(STREAM + "/elsewhere").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.seeker(Events.id()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/not-found");
    }

    @Test
    void theStreamAskedForAsJsonOnlyIsA406Problem() {
        client().get().uri(STREAM).accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.seeker(Events.id()))
                .exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(406);
    }
}
