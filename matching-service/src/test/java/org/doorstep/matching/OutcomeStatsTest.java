package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.doorstep.matching.match.MatchId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operators' outcomes over time ({@code GET /api/v1/stats/outcomes}): a match found, dismissed and applied to is
 * counted on its day in total and by the pair's key group, region and campaign; a dismissal read twice counts once.
 */
class OutcomeStatsTest extends MatchingServiceTest {

    private static final String MATCH_APPLIED = "org.doorstep.match.applied.v1";

    @LocalServerPort
    private int port;

    @Test
    void countsWhatBecameOfMatchesByDayKeyGroupRegionAndCampaign() {
        try (TestEvents events = new TestEvents(); MatchTopic matches = new MatchTopic()) {
            JsonNode before = today();
            String seekerId = id();
            String other = id();
            String postingId = id();
            events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
            events.send(SEEKERS, SEEKER_UPSERTED, other, TestEvents.seeker(other));
            events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
            matches.await(MATCH_FOUND, seekerId, postingId, 1);
            matches.await(MATCH_FOUND, other, postingId, 1);
            await().atMost(MatchTopic.WAIT).until(() -> count(today(), "found", "total", null) - count(before, "found", "total", null) >= 2);
            JsonNode found = today();
            assertThat(count(found, "found", "byKeyGroup", "COLLEGE_GRADUATE") - count(before, "found", "byKeyGroup", "COLLEGE_GRADUATE"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(count(found, "found", "byRegion", "510100") - count(before, "found", "byRegion", "510100")).isGreaterThanOrEqualTo(2);
            assertThat(count(found, "found", "byCampaign", "SPRING-2026") - count(before, "found", "byCampaign", "SPRING-2026"))
                    .isGreaterThanOrEqualTo(2);

            ObjectNode dismissed = feedback(MATCH_DISMISSED, seekerId, postingId);
            events.send(FEEDBACK, MATCH_DISMISSED, MatchId.of(postingId, seekerId), dismissed);
            events.send(FEEDBACK, MATCH_DISMISSED, MatchId.of(postingId, seekerId), dismissed);
            // keyed like the dismissals, so that it is read after both: once it is counted, both dismissals were read
            events.send(FEEDBACK, MATCH_APPLIED, MatchId.of(postingId, seekerId), feedback(MATCH_APPLIED, other, postingId));
            await().atMost(MatchTopic.WAIT).until(() -> count(today(), "applied", "total", null) - count(before, "applied", "total", null) >= 1
                    && count(today(), "dismissed", "total", null) - count(before, "dismissed", "total", null) >= 1);
            JsonNode after = today();
            assertThat(count(after, "applied", "byRegion", "510100") - count(before, "applied", "byRegion", "510100")).isEqualTo(1);
            assertThat(count(after, "dismissed", "byCampaign", "SPRING-2026") - count(before, "dismissed", "byCampaign", "SPRING-2026"))
                    .as("a dismissal read twice counts once").isEqualTo(1);
        }
    }

    @Test
    void aSpanOutsideOneToNinetyTwoDaysIsAValidationProblemNamingIt() {
        Map<String, String> reasons = Map.of("0", "must be greater than or equal to 1", "93", "must be less than or equal to 92",
                "many", "must be an integer");
        reasons.forEach((days, reason) -> client().get().uri("/api/v1/stats/outcomes?days=" + days)
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("days")
                .jsonPath("$.errors[0].reason").isEqualTo(reason)
                .jsonPath("$.detail").isEqualTo("Invalid request: days " + reason + "."));
    }

    private static ObjectNode feedback(String type, String seekerId, String postingId) {
        ObjectNode event = TestEvents.example(type);
        event.put("matchId", MatchId.of(postingId, seekerId)).put("seekerId", seekerId).put("postingId", postingId)
                .put("at", Instant.now().toString());
        return event;
    }

    private JsonNode today() {
        byte[] body = client().get().uri("/api/v1/stats/outcomes?days=1").header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode series = TestEvents.JSON.readTree(body);
        return series.path("days").path(LocalDate.now(ZoneOffset.UTC).toString());
    }

    private static long count(JsonNode day, String outcome, String group, String value) {
        JsonNode node = day.path(outcome).path(group);
        if (value != null) {
            node = node.path(value);
        }
        return node.isMissingNode() || node.isNull() ? 0 : node.asLong();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(MatchTopic.WAIT).build();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
