package org.doorstep.postings.partner;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerRegistrationTest extends PostingsServiceTest {

    @Test
    void registersPartnerReturningItsKeyOnceAndPublishesOnlyTheKeyHash() {
        TestPartner partner = registerPartner();

        assertThat(partner.apiKey()).startsWith("dsk_" + partner.keyId() + "_");
        assertThat(partner.apiKey().length()).isGreaterThanOrEqualTo(4 + partner.keyId().length() + 1 + 43);
        try (TopicReader partners = TopicReader.of(PARTNERS_TOPIC)) {
            ConsumerRecord<String, byte[]> record = partners.await(r -> partner.partnerId().equals(r.key()), TIMEOUT);
            String data = TopicReader.value(record);
            assertThat(EventContract.violations("org.doorstep.partner.upserted.v1", data)).isEmpty();
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo("org.doorstep.partner.upserted.v1");
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(partner.partnerId());
            assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(record, "ce_source")).isEqualTo("//doorstep/postings-service");
            assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
            assertThat(TopicReader.header(record, "ce_id")).matches("[0-9a-f-]{36}");
            JsonNode event = JSON.readTree(data);
            assertThat(event.get("apiKeys").get(0).get("sha256").stringValue())
                    .isEqualTo(IssuedKey.sha256(partner.apiKey()));
            assertThat(data).doesNotContain(partner.apiKey());
        }
    }

    @Test
    void refusesToRegisterPartnerWithoutTheOperatorToken() {
        http.post().uri("/api/v1/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-operator")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Sneaky board", "contactEmail", "x@y.example"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
    }

    @Test
    void rejectsPartnerWithoutNameOrEmailListingBoth() {
        http.post().uri("/api/v1/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " ", "contactEmail", "not-an-email"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[1].field").isEqualTo("contactEmail");
    }

    /** Operators' bodies are bound as strictly as partners' postings (exploratory testing found extras taken). */
    @Test
    void refusesAPropertyTheBodyDoesNotHaveAndAValueOfTheWrongTypeByName() {
        http.post().uri("/api/v1/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Board\",\"contactEmail\":\"ops@board.example\",\"extra\":1}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("extra");
        http.post().uri("/api/v1/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":42,\"contactEmail\":\"ops@board.example\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }
}
