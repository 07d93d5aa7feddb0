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

    /** Operators could fetch a partner only by an id they had to know already (GET /api/v1/partners was 405). */
    @Test
    void operatorsAndAuditorsPageThroughEveryPartnerWithoutKeyMaterial() {
        java.util.Set<String> registered = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            registered.add(registerPartner().partnerId());
        }
        java.util.List<String> listed = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String uri = "/api/v1/partners?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = JSON.readTree(http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(page.get("items").size()).isBetween(1, 2);
            page.get("items").forEach(item -> {
                listed.add(item.get("partnerId").stringValue());
                assertThat(item.has("name")).isTrue();
                assertThat(item.toString()).doesNotContain("sha256").doesNotContain("apiKey\"");
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
        } while (cursor != null);
        assertThat(listed).isSorted().doesNotHaveDuplicates().containsAll(registered);
    }

    @Test
    void aPartnerListRefusesACursorItNeverGaveAndALimitOutOfRangeNamingBoth() {
        http.get().uri("/api/v1/partners?limit=0&cursor=../../etc")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("limit")
                .jsonPath("$.errors[1].field").isEqualTo("cursor");
        http.get().uri("/api/v1/partners?cursor=ffffffff-ffff-ffff-ffff-ffffffffffff")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
        http.get().uri("/api/v1/partners")
                .exchange()
                .expectStatus().isUnauthorized();
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
