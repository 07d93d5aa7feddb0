package org.doorstep.postings.posting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PostingBatchTest extends PostingsServiceTest {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    @Test
    void batchOfGoodAndBadLinesAnswersOneResultPerLineAndBadLinesDoNotStopGoodOnes() {
        TestPartner partner = registerPartner();
        String body = String.join("\n",
                line("B-1", validPosting("Electrician")),
                "{not json",
                line("B-2", validPosting("Plumber")),
                "",
                line("B-3", withVacancies(validPosting("Carpenter"), 0)),
                line("B-1", validPosting("Electrician")),
                "{\"title\":\"no id\"}",
                line("B-4", validPosting("Mason"))) + "\n";

        List<JsonNode> results = batch(partner, body);

        assertThat(results).extracting(r -> r.get("line").asLong()).containsExactly(1L, 2L, 3L, 5L, 6L, 7L, 8L);
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(201, 400, 201, 400, 200, 400, 201);
        assertThat(results.get(4).get("outcome").stringValue()).isEqualTo("UNCHANGED");
        assertThat(results.get(3).get("externalId").stringValue()).isEqualTo("B-3");
        assertThat(results.get(3).get("problems").get(0).get("field").stringValue()).isEqualTo("vacancies");
        assertThat(results.get(1).get("problems").get(0).get("field").stringValue()).isEqualTo("$");
        get(partner, "B-3").expectStatus().isNotFound();
        String postingId = results.get(6).get("postingId").stringValue();
        assertThat(json(get(partner, "B-4").expectStatus().isOk()).get("postingId").stringValue()).isEqualTo(postingId);
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            var record = postings.await(r -> postingId.equals(r.key()), TIMEOUT);
            assertThat(EventContract.violations("org.doorstep.posting.upserted.v1", TopicReader.value(record))).isEmpty();
        }
    }

    @Test
    void sameBatchAgainChangesNothingAndAChangedLineUpdates() {
        TestPartner partner = registerPartner();
        Map<String, Object> changed = validPosting("Baker");
        String first = line("R-1", validPosting("Baker")) + "\n" + line("R-2", validPosting("Butcher")) + "\n";
        String second = line("R-1", withVacancies(changed, 9)) + "\n" + line("R-2", validPosting("Butcher")) + "\n"
                + line("R-3", validPosting("Brewer")) + "\n";

        assertThat(batch(partner, first)).extracting(r -> r.get("outcome").stringValue())
                .containsExactly("CREATED", "CREATED");
        List<JsonNode> again = batch(partner, second);

        assertThat(again).extracting(r -> r.get("outcome").stringValue())
                .containsExactly("UPDATED", "UNCHANGED", "CREATED");
        assertThat(again.get(0).get("version").asLong()).isEqualTo(2);
        assertThat(json(get(partner, "R-1").expectStatus().isOk()).get("vacancies").asInt()).isEqualTo(9);
    }

    @Test
    void linesBeyondTenThousandAreRejectedEachWithItsOwnResult() {
        TestPartner partner = registerPartner();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_002; i++) {
            body.append("{}\n");
        }

        List<JsonNode> results = batch(partner, body.toString());

        assertThat(results).hasSize(10_002);
        assertThat(results.get(9_999).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(10_000).get("status").asInt()).isEqualTo(413);
        assertThat(results.get(10_001).get("status").asInt()).isEqualTo(413);
    }

    @Test
    void anExternalIdRepeatedInALaterChunkAppliesAfterTheEarlierLineAndItsEventFollows() {
        TestPartner partner = registerPartner();
        StringBuilder body = new StringBuilder(line("ORDER-0", withVacancies(validPosting("Welder"), 1))).append('\n');
        for (int i = 1; i < 1_500; i++) { // chunks hold 1,000 lines: the repeat below is in the second chunk
            body.append(line("ORDER-" + i, validPosting("Fitter"))).append('\n');
        }
        body.append(line("ORDER-0", withVacancies(validPosting("Welder"), 7))).append('\n');

        List<JsonNode> results = batch(partner, body.toString());

        assertThat(results).hasSize(1_501);
        assertThat(results.getFirst().get("outcome").stringValue()).isEqualTo("CREATED");
        assertThat(results.getLast().get("outcome").stringValue()).isEqualTo("UPDATED");
        assertThat(results.getLast().get("version").asLong()).isEqualTo(2);
        assertThat(json(get(partner, "ORDER-0").expectStatus().isOk()).get("vacancies").asInt()).isEqualTo(7);
        String postingId = results.getFirst().get("postingId").stringValue();
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> postings.forKey(postingId).size() >= 2);
            // delivery is at least once: the outbox sweep may republish an event (same ce_id) whose publishing was
            // still under way; what must hold is the order of the distinct events
            java.util.Map<String, Integer> vacanciesByEvent = new java.util.LinkedHashMap<>();
            postings.forKey(postingId).forEach(r -> vacanciesByEvent.putIfAbsent(TopicReader.header(r, "ce_id"),
                    JSON.readTree(TopicReader.value(r)).get("vacancies").asInt()));
            assertThat(vacanciesByEvent.values()).containsExactly(1, 7);
            // and no older state after the newest (a compacted topic keeps the last)
            assertThat(JSON.readTree(TopicReader.value(postings.forKey(postingId).getLast())).get("vacancies").asInt())
                    .isEqualTo(7);
        }
    }

    @Test
    void batchWithoutKeyIs401ProblemAndStoresNothing() {
        http.post().uri("/api/v1/postings:batch")
                .contentType(NDJSON)
                .bodyValue(line("NOKEY-1", validPosting("Ghost")) + "\n")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private List<JsonNode> batch(TestPartner partner, String body) {
        String response = http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build()
                .post().uri("/api/v1/postings:batch")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .contentType(NDJSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(NDJSON)
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> results = new ArrayList<>();
        for (String line : response.split("\n")) {
            if (!line.isBlank()) {
                results.add(JSON.readTree(line));
            }
        }
        return results;
    }

    private static String line(String externalId, Map<String, Object> posting) {
        posting.put("externalId", externalId);
        return JSON.writeValueAsString(posting);
    }

    private static Map<String, Object> withVacancies(Map<String, Object> posting, int vacancies) {
        posting.put("vacancies", vacancies);
        return posting;
    }
}
