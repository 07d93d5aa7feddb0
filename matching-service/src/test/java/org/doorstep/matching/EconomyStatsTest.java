package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operator statistics count open postings and their active matches by economy tag (digital, green, silver), from
 * the postings' skills as the taxonomy tags them; a closed posting leaves the count.
 */
class EconomyStatsTest extends MatchingServiceTest {

    @LocalServerPort
    private int port;

    @Test
    void countsOpenPostingsAndTheirActiveMatchesByEconomyTag() {
        try (TestEvents events = new TestEvents(); MatchTopic matches = new MatchTopic()) {
            JsonNode before = stats();
            String seekerId = UUID.randomUUID().toString();
            String software = UUID.randomUUID().toString(); // Java and SQL: digital
            String care = UUID.randomUUID().toString();
            events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
            events.send(POSTINGS, POSTING_UPSERTED, software, TestEvents.posting(software));
            ObjectNode carer = TestEvents.posting(care);
            carer.put("title", "Elderly carer / 养老护理员");
            carer.put("occupation", "5322");
            ArrayNode skills = carer.putArray("skills");
            skills.addObject().put("label", "养老护理").putNull("escoUri").put("required", true);
            skills.addObject().put("label", "Dementia care").putNull("escoUri").put("required", false);
            events.send(POSTINGS, POSTING_UPSERTED, care, carer);
            matches.await(MATCH_FOUND, seekerId, software, 1);

            await().atMost(MatchTopic.WAIT).until(() -> count(stats(), "SILVER", "openPostings")
                    - count(before, "SILVER", "openPostings") == 1
                    && count(stats(), "DIGITAL", "activeMatches") > count(before, "DIGITAL", "activeMatches"));
            JsonNode after = stats();
            assertThat(count(after, "DIGITAL", "openPostings") - count(before, "DIGITAL", "openPostings")).isOne();
            assertThat(count(after, "GREEN", "openPostings")).isEqualTo(count(before, "GREEN", "openPostings"));
            assertThat(count(after, "SILVER", "activeMatches")).as("nobody matched the carer's job")
                    .isEqualTo(count(before, "SILVER", "activeMatches"));

            ObjectNode closed = TestEvents.example(POSTING_CLOSED);
            closed.put("postingId", care).put("externalId", "EXT-" + care).put("version", 4);
            events.send(POSTINGS, POSTING_CLOSED, care, closed);
            await().atMost(MatchTopic.WAIT).until(() -> count(stats(), "SILVER", "openPostings")
                    == count(before, "SILVER", "openPostings"));
        }
    }

    private static long count(JsonNode stats, String tag, String figure) {
        return stats.path("byEconomy").path(tag).path(figure).asLong();
    }

    private JsonNode stats() {
        byte[] body = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(MatchTopic.WAIT).build()
                .get().uri("/api/v1/stats").header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return TestEvents.JSON.readTree(body);
    }
}
