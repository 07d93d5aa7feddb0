package org.doorstep.postings.posting;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Who offers the job: optional, validated, stored and published (matching tells one job of several boards by it). */
class EmployerTest extends PostingsServiceTest {

    @Test
    void theEmployerIsStoredAndPublished() {
        TestPartner partner = registerPartner();
        Map<String, Object> body = validPosting("Welder");
        body.put("employer", Map.of("name", " Chengdu Heavy Industry Co., Ltd. "));
        String externalId = externalId();
        String postingId = json(put(partner, externalId, body).expectStatus().isCreated()).get("postingId").stringValue();

        assertThat(json(get(partner, externalId)).get("employer").get("name").stringValue())
                .isEqualTo("Chengdu Heavy Industry Co., Ltd.");
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            ConsumerRecord<String, byte[]> record = postings.await(r -> postingId.equals(r.key()), TIMEOUT);
            String data = TopicReader.value(record);
            assertThat(EventContract.violations("org.doorstep.posting.upserted.v1", data)).isEmpty();
            assertThat(JSON.readTree(data).get("employer").get("name").stringValue()).isEqualTo("Chengdu Heavy Industry Co., Ltd.");
        }
    }

    @Test
    void aPostingWithoutAnEmployerNamesNone() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        put(partner, externalId, validPosting("Cook")).expectStatus().isCreated();
        JsonNode stored = json(get(partner, externalId));
        assertThat(stored.get("employer") == null || stored.get("employer").isNull()).isTrue();
    }

    @Test
    void aBadEmployerIsAFieldError() {
        TestPartner partner = registerPartner();
        Map<String, Object> body = validPosting("Crane operator");
        body.put("employer", Map.of("name", "x".repeat(201), "code", "91510100"));
        put(partner, externalId(), body).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[*].field").isEqualTo(List.of("employer.code", "employer.name"));
        body.put("employer", "Chengdu Heavy Industry");
        put(partner, externalId(), body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("employer");
        body.put("employer", Map.of("name", "   "));
        put(partner, externalId(), body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("employer.name");
    }
}
