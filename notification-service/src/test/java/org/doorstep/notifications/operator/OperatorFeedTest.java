package org.doorstep.notifications.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operators' live feed: each delivery decision arrives as it is written, one event per match and outcome, with
 * the match, the posting, the score and the job's region, and nothing about the seeker; only operators and auditors
 * may follow it.
 */
@NotificationServiceTest
class OperatorFeedTest {

    private static final String STREAM = "/api/v1/operator/events/stream";
    private static final String FOUND = "org.doorstep.match.found.v1";
    private static final String WITHDRAWN = "org.doorstep.match.withdrawn.v1";

    @LocalServerPort
    int port;

    private Disposable follow(String token, List<ServerSentEvent<String>> received) {
        return WebClient.create("http://localhost:" + port).get().uri(STREAM).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> headers.setBearerAuth(token))
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .subscribe(received::add);
    }

    private static List<JsonNode> about(List<ServerSentEvent<String>> received, String matchId) {
        String reference = OperatorEvent.reference(matchId);
        return received.stream().filter(event -> event.data() != null).map(event -> Events.JSON.readTree(event.data()))
                .filter(data -> reference.equals(data.path("matchRef").asString())).toList();
    }

    @Test
    void tellsOperatorsEachDecisionAsItIsWrittenWithoutAnythingAboutTheSeeker() {
        List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        Disposable connection = follow(Tokens.AUDITOR, received);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty()); // the opening comment
            String seeker = Events.id();
            String posting = "operator-" + Events.id();
            ObjectNode match = Events.matchFound(seeker, posting, "partner-op", 0.83);
            String matchId = match.path("matchId").asString(); // as matching makes them: it holds the seeker's id
            Events.send(Events.MATCHES, seeker, FOUND, "s", match);

            await().atMost(Duration.ofSeconds(30)).until(() -> about(received, matchId).size() == 1);
            JsonNode found = about(received, matchId).getFirst();
            ServerSentEvent<String> event = received.stream()
                    .filter(e -> e.data() != null && e.data().contains(OperatorEvent.reference(matchId))).findFirst()
                    .orElseThrow();
            assertThat(found.path("outcome").asString()).isIn("live", "held", "digest", "inbox_only")
                    .isEqualTo(event.event());
            assertThat(found.path("postingId").asString()).isEqualTo(posting);
            assertThat(found.path("partnerId").asString()).isEqualTo("partner-op");
            assertThat(found.path("score").asDouble()).isEqualTo(0.83);
            assertThat(found.path("regionCode").asString())
                    .isEqualTo(match.path("posting").path("location").path("regionCode").asString()).isNotBlank();
            assertThat(found.path("at").asString()).isNotBlank();
            assertThat(found.has("seekerId")).isFalse();
            assertThat(found.has("matchId")).isFalse();
            assertThat(event.data()).doesNotContain(seeker).doesNotContain(seeker.replace("-", ""));

            ObjectNode withdrawal = Events.matchWithdrawn(seeker, posting, "partner-op");
            Events.send(Events.MATCHES, seeker, WITHDRAWN, "s", withdrawal);
            await().atMost(Duration.ofSeconds(30)).until(() -> about(received, matchId).size() == 2);
            assertThat(about(received, matchId).get(1).path("outcome").asString()).isEqualTo("withdrawn");
        } finally {
            connection.dispose();
        }
    }

    @Test
    void refusesAnyoneButOperatorsAndAuditors() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        client.get().uri(STREAM).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri(STREAM).accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.seeker(Events.id()))
                .exchange().expectStatus().isUnauthorized();
        client.post().uri(STREAM).header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.OPERATOR)
                .exchange().expectStatus().isForbidden();
    }
}
