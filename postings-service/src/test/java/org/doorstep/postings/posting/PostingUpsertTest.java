package org.doorstep.postings.posting;

import java.util.List;
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

@SuppressWarnings("unchecked")
class PostingUpsertTest extends PostingsServiceTest {

    @Test
    void createsPostingAndPublishesItsFullStateAsCloudEvent() {
        TestPartner partner = registerPartner();
        String externalId = externalId();

        JsonNode created = json(put(partner, externalId, validPosting("Java developer / Java开发"))
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\""));

        String postingId = created.get("postingId").stringValue();
        assertThat(postingId).matches("[0-9a-f-]{36}");
        assertThat(created.get("version").asLong()).isEqualTo(1);
        assertThat(created.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(created.get("partnerId").stringValue()).isEqualTo(partner.partnerId());
        assertThat(created.get("externalId").stringValue()).isEqualTo(externalId);
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            ConsumerRecord<String, byte[]> record = postings.await(r -> postingId.equals(r.key()), TIMEOUT);
            String data = TopicReader.value(record);
            assertThat(EventContract.violations("org.doorstep.posting.upserted.v1", data)).isEmpty();
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo("org.doorstep.posting.upserted.v1");
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(postingId);
            assertThat(TopicReader.header(record, "ce_id")).matches("[0-9a-f-]{36}");
            assertThat(TopicReader.header(record, "ce_time")).endsWith("Z");
            JsonNode event = JSON.readTree(data);
            assertThat(event.get("title").stringValue()).isEqualTo("Java developer / Java开发");
            assertThat(event.get("skills")).hasSize(3);
            assertThat(event.get("location").get("regionCode").stringValue()).isEqualTo("510100");
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    com.mongodb.reactivestreams.client.MongoClient mongoClient;

    @Test
    void storesPostingsInItsOwnPostingsDatabase() {
        String postingId = json(put(registerPartner(), externalId(), validPosting("Archivist"))
                .expectStatus().isCreated()).get("postingId").stringValue();

        Long stored = reactor.core.publisher.Mono.from(mongoClient.getDatabase("postings").getCollection("postings")
                .countDocuments(new org.bson.Document("_id", postingId))).block();

        assertThat(stored).isEqualTo(1);
    }

    @Test
    void sameBodyTwiceAnswers200AndPublishesNothingNew() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        Map<String, Object> body = validPosting("Warehouse operator");
        String postingId = json(put(partner, externalId, body).expectStatus().isCreated()).get("postingId").stringValue();

        JsonNode again = json(put(partner, externalId, body).expectStatus().isOk());
        assertThat(again.get("version").asLong()).isEqualTo(1);

        body.put("vacancies", 5);
        JsonNode changed = json(put(partner, externalId, body).expectStatus().isOk());
        assertThat(changed.get("version").asLong()).isEqualTo(2);
        assertThat(changed.get("postingId").stringValue()).isEqualTo(postingId);

        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            postings.await(r -> postingId.equals(r.key()) && TopicReader.value(r).contains("\"version\":2"), TIMEOUT);
            List<ConsumerRecord<String, byte[]>> records = postings.forKey(postingId);
            assertThat(records).hasSize(2);
            assertThat(records).extracting(r -> JSON.readTree(TopicReader.value(r)).get("version").asLong())
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void refusesPostingWithoutValidKeyAndStoresNothing() {
        TestPartner partner = registerPartner();
        String externalId = externalId();

        http.put().uri("/api/v1/postings/{id}", externalId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(validPosting("No key")))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
        put(new TestPartner(partner.partnerId(), partner.keyId(), partner.apiKey() + "x"), externalId,
                validPosting("Bad key"))
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        get(partner, externalId).expectStatus().isNotFound();
    }

    @Test
    void rejectsMalformedPostingListingEveryViolationAndStoresNothing() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        Map<String, Object> body = validPosting("x".repeat(201));
        body.put("salary", Map.of("min", 5000, "max", 1000, "currency", "XYZ", "period", "MONTH"));
        body.put("location", Map.of("lat", 91, "lon", 10));
        body.put("workplace", "MOON");
        body.put("colour", "blue");

        put(partner, externalId, body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields).containsExactlyInAnyOrder(
                        "colour", "title", "location.lat", "workplace", "salary.min", "salary.currency"));

        get(partner, externalId).expectStatus().isNotFound();
    }
}
