package org.doorstep.postings.controls;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators set quotas, suspend and reinstate partners; every action is in the audit trail; auditors only read. */
class PartnerControlsTest extends PostingsServiceTest {

    @Test
    void aQuotaLimitsThePartnerUntilItIsRemoved() {
        TestPartner partner = registerPartner();
        JsonNode set = json(operator(http.put().uri("/api/v1/partners/{id}/quota", partner.partnerId()), OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("limitForPeriod", 2, "period", "PT1M")).exchange().expectStatus().isOk());
        assertThat(set.get("quota").get("limitForPeriod").asInt()).isEqualTo(2);

        list(partner).expectStatus().isOk();
        list(partner).expectStatus().isOk();
        list(partner).expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/rate-limited");

        operator(http.delete().uri("/api/v1/partners/{id}/quota", partner.partnerId()), OPERATOR_TOKEN)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.quota").isEmpty();
        list(partner).expectStatus().isOk();

        List<JsonNode> trail = trailOf(partner.partnerId());
        assertThat(trail).extracting(e -> e.get("action").stringValue()).containsExactly("QUOTA_SET", "QUOTA_REMOVED");
        assertThat(trail).allSatisfy(e -> assertThat(e.get("actor").stringValue()).isEqualTo("operator"));
        assertThat(trail.getFirst().get("detail").stringValue()).isEqualTo("2 per PT1M");
    }

    @Test
    void aQuotaOutOfRangeIsAValidationProblemAndAuditorsCannotSetOne() {
        TestPartner partner = registerPartner();
        operator(http.put().uri("/api/v1/partners/{id}/quota", partner.partnerId()), OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("limitForPeriod", 0, "period", "soon")).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("limitForPeriod")
                .jsonPath("$.errors[1].field").isEqualTo("period");
        operator(http.put().uri("/api/v1/partners/{id}/quota", partner.partnerId()), AUDITOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("limitForPeriod", 5, "period", "PT1S")).exchange()
                .expectStatus().isForbidden();
        operator(http.post().uri("/api/v1/partners/{id}/suspension", partner.partnerId()), AUDITOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "x")).exchange()
                .expectStatus().isForbidden();
        operator(http.post().uri("/api/v1/partners/{id}/suspension", partner.partnerId()), OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", " ")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        http.get().uri("/api/v1/audit").exchange().expectStatus().isUnauthorized();
        for (String bad : List.of("junk", "1733400000000-not-a-uuid", "0000000000000-00000000-0000-0000-0000-00000000000")) {
            http.get().uri(u -> u.path("/api/v1/audit").queryParam("cursor", bad).build())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
        }
        assertThat(trailOf(partner.partnerId())).isEmpty();
    }

    @Test
    void aSuspendedPartnerIsRefusedAndItsPostingsCloseUntilItIsReinstated() {
        TestPartner partner = registerPartner();
        String open1 = externalId();
        String open2 = externalId();
        String closedByPartner = externalId();
        String id1 = json(put(partner, open1, validPosting("Crane operator")).expectStatus().isCreated())
                .get("postingId").stringValue();
        String id2 = json(put(partner, open2, validPosting("Forklift driver")).expectStatus().isCreated())
                .get("postingId").stringValue();
        put(partner, closedByPartner, validPosting("Night guard")).expectStatus().isCreated();
        http.delete().uri("/api/v1/postings/{id}", closedByPartner)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey()).exchange().expectStatus().isOk();

        operator(http.post().uri("/api/v1/partners/{id}/suspension", partner.partnerId()), OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Fraudulent postings reported"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("SUSPENDED")
                .jsonPath("$.postingsChanged").isEqualTo(2);

        put(partner, externalId(), validPosting("Another")).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/forbidden")
                .jsonPath("$.title").isEqualTo("Partner suspended");
        http.get().uri("/api/v1/feed/postings?limit=1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey()).exchange().expectStatus().isForbidden();

        // the rest of the platform learns it from the events it already reads
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC); TopicReader partners = TopicReader.of(PARTNERS_TOPIC)) {
            for (String postingId : List.of(id1, id2)) {
                ConsumerRecord<String, byte[]> closed = postings.await(r -> postingId.equals(r.key())
                        && "org.doorstep.posting.closed.v1".equals(TopicReader.header(r, "ce_type")), TIMEOUT);
                String data = TopicReader.value(closed);
                assertThat(EventContract.violations("org.doorstep.posting.closed.v1", data)).isEmpty();
                assertThat(JSON.readTree(data).get("closedReason").stringValue()).isEqualTo("SUSPENDED");
            }
            ConsumerRecord<String, byte[]> suspended = partners.await(r -> partner.partnerId().equals(r.key())
                    && TopicReader.value(r).contains("\"SUSPENDED\""), TIMEOUT);
            assertThat(EventContract.violations("org.doorstep.partner.upserted.v1", TopicReader.value(suspended)))
                    .isEmpty();
        }

        operator(http.delete().uri("/api/v1/partners/{id}/suspension?reason={r}", partner.partnerId(),
                "Board verified"), OPERATOR_TOKEN)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.postingsChanged").isEqualTo(2);
        assertThat(json(get(partner, open1).expectStatus().isOk()).get("status").stringValue()).isEqualTo("OPEN");
        assertThat(json(get(partner, open2).expectStatus().isOk()).get("status").stringValue()).isEqualTo("OPEN");
        assertThat(json(get(partner, closedByPartner).expectStatus().isOk()).get("closedReason").stringValue())
                .isEqualTo("PARTNER");

        List<JsonNode> trail = trailOf(partner.partnerId());
        assertThat(trail).extracting(e -> e.get("action").stringValue())
                .containsExactly("PARTNER_SUSPENDED", "PARTNER_REINSTATED");
        assertThat(trail.getFirst().get("detail").stringValue()).contains("Fraudulent postings reported");
        assertThat(trail.getLast().get("detail").stringValue()).contains("Board verified");
    }

    /** The partner's entries in the audit trail, read by an auditor page by page. */
    private List<JsonNode> trailOf(String partnerId) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            JsonNode page = json(http.get().uri(u -> u.path("/api/v1/audit").queryParam("limit", 50)
                            .queryParamIfPresent("cursor", java.util.Optional.ofNullable(after)).build())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN).exchange().expectStatus().isOk());
            page.get("items").forEach(e -> {
                if (partnerId.equals(e.path("partnerId").asString(null))) {
                    entries.add(e);
                }
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
        } while (cursor != null);
        return entries;
    }

    private WebTestClient.ResponseSpec list(TestPartner partner) {
        return http.get().uri("/api/v1/postings?limit=1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey()).exchange();
    }

    private static <S extends WebTestClient.RequestHeadersSpec<?>> S operator(S spec, String token) {
        spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        return spec;
    }
}
