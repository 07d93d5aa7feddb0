package org.doorstep.postings.partner;

import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerKeysTest extends PostingsServiceTest {

    @Test
    void rotatesKeysWithBothValidUntilTheOldOneIsRevokedAndRepublishesTheRegistry() {
        TestPartner partner = registerPartner();
        JsonNode issued = json(http.post().uri("/api/v1/partners/{id}/keys", partner.partnerId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange()
                .expectStatus().isCreated());
        TestPartner rotated = new TestPartner(partner.partnerId(), issued.get("keyId").stringValue(),
                issued.get("apiKey").stringValue());
        assertThat(rotated.apiKey()).isNotEqualTo(partner.apiKey());

        http.get().uri("/api/v1/postings").header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().isOk();
        http.get().uri("/api/v1/postings").header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated.apiKey())
                .exchange().expectStatus().isOk();

        JsonNode afterRevoke = json(http.delete().uri("/api/v1/partners/{id}/keys/{keyId}", partner.partnerId(),
                        partner.keyId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange()
                .expectStatus().isOk());
        assertThat(afterRevoke.get("keys")).hasSize(1);
        assertThat(afterRevoke.get("keys").get(0).get("keyId").stringValue()).isEqualTo(rotated.keyId());

        http.get().uri("/api/v1/postings").header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/postings").header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated.apiKey())
                .exchange().expectStatus().isOk();

        try (TopicReader partners = TopicReader.of(PARTNERS_TOPIC)) {
            var record = partners.await(r -> partner.partnerId().equals(r.key())
                    && TopicReader.value(r).contains("\"version\":3"), TIMEOUT);
            String data = TopicReader.value(record);
            assertThat(EventContract.violations("org.doorstep.partner.upserted.v1", data)).isEmpty();
            JsonNode event = JSON.readTree(data);
            assertThat(event.get("apiKeys")).hasSize(1);
            assertThat(event.get("apiKeys").get(0).get("sha256").stringValue())
                    .isEqualTo(IssuedKey.sha256(rotated.apiKey()));
            // three events (registered, rotated, revoked); the relay publishes at least once, so one may come twice,
            // with the same id
            assertThat(partners.forKey(partner.partnerId()).stream()
                    .map(r -> new String(r.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8))
                    .distinct()).hasSize(3);
        }
    }

    @Test
    void revokingAnUnknownKeyIs404AndKeyManagementNeedsTheOperator() {
        TestPartner partner = registerPartner();
        http.delete().uri("/api/v1/partners/{id}/keys/{keyId}", partner.partnerId(), "nokey")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isNotFound();
        http.post().uri("/api/v1/partners/{id}/keys", partner.partnerId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/partners/{id}/keys", "no-such-partner")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isNotFound();
    }
}
