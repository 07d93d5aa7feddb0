package org.doorstep.postings.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.SharedInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, "a partner sees which of its postings duplicate others": matching-service's notices
 * ({@code posting.duplicates.v1}) are kept and shown to the posting's partner only, checked against the postings as
 * they are now; a notice that is not one goes to the dead-letter topic with the reason.
 */
class DuplicatesTest extends PostingsServiceTest {

    private static final String TOPIC = "doorstep.posting-duplicates.v1";
    private static final String TYPE = "org.doorstep.posting.duplicates.v1";

    @Test
    void aPartnerSeesWhichOfItsPostingsAreTheSameJobAsOtherPartnersOpenPostings() {
        TestPartner first = registerPartner();
        TestPartner second = registerPartner();
        String mine = externalId();
        String theirs = externalId();
        String mineId = json(put(first, mine, validPosting("Welder, night shift")).expectStatus().isCreated()).get("postingId").stringValue();
        String theirsId = json(put(second, theirs, validPosting("Welder (nights)")).expectStatus().isCreated()).get("postingId").stringValue();
        String alone = externalId();
        put(first, alone, validPosting("Forklift driver")).expectStatus().isCreated();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, mineId, notice(mineId, first.partnerId(), List.of(theirsId)));
            send(producer, theirsId, notice(theirsId, second.partnerId(), List.of(mineId)));
        }

        await().atMost(TIMEOUT).until(() -> duplicatesOf(first, mine).get("sameJobAs").size() == 1);
        JsonNode view = duplicatesOf(first, mine);
        assertThat(view.get("postingId").stringValue()).isEqualTo(mineId);
        assertThat(view.get("sameJobAs").get(0).get("postingId").stringValue()).isEqualTo(theirsId);
        assertThat(view.get("sameJobAs").get(0).get("title").stringValue()).isEqualTo("Welder (nights)");
        assertThat(view.toString()).as("never the other partner's ids").doesNotContain(second.partnerId(), theirs);
        assertThat(duplicatesOf(first, alone).get("sameJobAs")).isEmpty();

        JsonNode list = json(http.get().uri("/api/v1/postings:duplicated")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + first.apiKey()).exchange().expectStatus().isOk());
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("externalId").stringValue()).isEqualTo(mine);

        // the other partner sees its own posting's view, and not the first partner's
        assertThat(duplicatesOf(second, theirs).get("sameJobAs").get(0).get("postingId").stringValue()).isEqualTo(mineId);
        http.get().uri("/api/v1/postings/{id}/duplicates", mine)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + second.apiKey()).exchange().expectStatus().isNotFound();

        // the other posting closes: no longer shown, whatever the last notice said
        http.delete().uri("/api/v1/postings/{id}", theirs)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + second.apiKey()).exchange().expectStatus().isOk();
        assertThat(duplicatesOf(first, mine).get("sameJobAs")).isEmpty();
        assertThat(json(http.get().uri("/api/v1/postings:duplicated")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + first.apiKey()).exchange().expectStatus().isOk())
                .get("items")).isEmpty();
    }

    @Test
    void aNoticeThatIsNotOneGoesToTheDeadLetterTopicWithTheReason() {
        try (TopicReader dlq = TopicReader.of(TOPIC + ".postings.dlq"); KafkaProducer<String, byte[]> producer = producer()) {
            String key = "broken-" + System.nanoTime();
            producer.send(record(key, "{\"postingId\": 42".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
            var dead = dlq.await(r -> key.equals(r.key()), TIMEOUT);
            assertThat(TopicReader.header(dead, "x-exception-message")).contains("not a posting.duplicates.v1 notice");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode duplicatesOf(TestPartner partner, String externalId) {
        return json(http.get().uri("/api/v1/postings/{id}/duplicates", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey()).exchange().expectStatus().isOk());
    }

    private static String notice(String postingId, String partnerId, List<String> sameJobAs) {
        String json = JSON.writeValueAsString(Map.of("postingId", postingId, "partnerId", partnerId,
                "sameJobAs", sameJobAs, "at", Instant.now().toString()));
        assertThat(EventContract.violations(TYPE, json)).isEmpty();
        return json;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String json) {
        try {
            producer.send(record(key, json.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key, value);
        record.headers().add("ce_type", TYPE.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", ("test-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
