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

/** A posting's required licences: validated, stored, published (matching vetoes seekers without them). */
class RequiredLicencesTest extends PostingsServiceTest {

    @Test
    void requiredLicencesAreStoredAndPublished() {
        TestPartner partner = registerPartner();
        Map<String, Object> body = validPosting("Forklift driver");
        body.put("requiredLicences", List.of(" forklift licence ", "First aid certificate"));
        String externalId = externalId();
        String postingId = json(put(partner, externalId, body).expectStatus().isCreated()).get("postingId").stringValue();

        assertThat(json(get(partner, externalId)).get("requiredLicences"))
                .extracting(JsonNode::stringValue).containsExactly("forklift licence", "First aid certificate");
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            ConsumerRecord<String, byte[]> record = postings.await(r -> postingId.equals(r.key()), TIMEOUT);
            String data = TopicReader.value(record);
            assertThat(EventContract.violations("org.doorstep.posting.upserted.v1", data)).isEmpty();
            assertThat(JSON.readTree(data).get("requiredLicences").get(0).stringValue()).isEqualTo("forklift licence");
        }
    }

    @Test
    void aPostingWithoutLicencesHasAnEmptyList() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        put(partner, externalId, validPosting("Cook")).expectStatus().isCreated();
        assertThat(json(get(partner, externalId)).get("requiredLicences").isEmpty()).isTrue();
    }

    @Test
    void badLicencesAreFieldErrors() {
        TestPartner partner = registerPartner();
        Map<String, Object> body = validPosting("Crane operator");
        body.put("requiredLicences", List.of("crane", "", "x".repeat(101), "line\u2028break", 7));
        put(partner, externalId(), body).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[*].field").isEqualTo(List.of("requiredLicences[1]", "requiredLicences[2]",
                        "requiredLicences[3]", "requiredLicences[4]"));
        body.put("requiredLicences", java.util.Collections.nCopies(21, "crane"));
        put(partner, externalId(), body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("requiredLicences");
        body.put("requiredLicences", "crane");
        put(partner, externalId(), body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("requiredLicences");
    }
}
