package org.doorstep.seekers.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.SharedInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Application requests from the embedded broker become packets on doorstep.applications.v1: the chosen fields of the
 * profile as it is then, the name and contact only with the consent given in the request (recorded among the seeker's
 * consent records); a repeat makes no second packet; a withdrawal and an erasure leave a tombstone of the packet; an
 * unreadable request is parked in the DLQ with the reason.
 */
class ApplicationFlowTest extends SeekersServiceTest {

    private static final String REQUESTS = "doorstep.application-requests.v1";
    private static final String APPLICATIONS = "doorstep.applications.v1";
    private static final String SUBMITTED = "org.doorstep.application.submitted.v1";

    @Test
    void makesThePacketFromTheProfileWithNameAndContactOnlyWithConsent() throws Exception {
        try (TopicReader packets = TopicReader.of(APPLICATIONS)) {
            Registered seeker = register(FULL_PROFILE);
            String withContact = UUID.randomUUID().toString();
            String withoutContact = UUID.randomUUID().toString();
            send(requested(withContact, seeker.seekerId(), "[\"skills\", \"languages\"]", true));
            send(requested(withoutContact, seeker.seekerId(), "[\"skills\", \"experience\", \"education\", \"languages\"]", false));
            send(requested(withContact, seeker.seekerId(), "[\"skills\", \"languages\"]", true));

            JsonNode shared = packet(packets, withContact);
            assertThat(shared.path("candidate").path("displayName").stringValue()).isEqualTo("Li Wei");
            assertThat(shared.path("candidate").path("contact").path("email").stringValue()).isEqualTo("li.wei@example.cn");
            assertThat(shared.path("profile").path("skills").size()).isEqualTo(2);
            assertThat(shared.path("profile").path("languages").size()).isEqualTo(2);
            assertThat(shared.path("profile").path("education").isNull()).as("not chosen").isTrue();
            assertThat(shared.path("profile").path("experienceYears").isNull()).as("not chosen").isTrue();

            ConsumerRecord<String, byte[]> record = packets.await(r -> withoutContact.equals(r.key()), WAIT);
            String text = TopicReader.value(record);
            assertThat(EventContract.violations(SUBMITTED, text)).isEmpty();
            assertThat(text).doesNotContain("Li Wei", "li.wei@example.cn", "138 0000");
            assertThat(payload(record).path("candidate").isNull()).isTrue();
            assertThat(payload(record).path("profile").path("education").stringValue()).isEqualTo("BACHELOR");

            assertThat(me(seeker).toString()).as("the consent record of the contact given with the application")
                    .contains("SHARE_CONTACT_ON_APPLICATION", "application " + withContact);
            send(withdrawn(withoutContact, seeker.seekerId()));
            packets.await(r -> withoutContact.equals(r.key()) && r.value() == null, WAIT);

            http.delete().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                    .exchange().expectStatus().isNoContent();
            packets.await(r -> withContact.equals(r.key()) && r.value() == null, WAIT);
            assertThat(packets.forKey(withContact)).filteredOn(r -> r.value() != null).as("one packet, the repeat made none")
                    .hasSize(1);
        }
    }

    @Test
    void parksAnUnreadableRequestInTheDeadLetterTopicWithTheReason() throws Exception {
        try (TopicReader dlq = TopicReader.of(REQUESTS + ".seekers-service.dlq")) {
            String key = UUID.randomUUID().toString();
            send(new ProducerRecord<>(REQUESTS, key, "{\"applicationId\": \"x\"}".getBytes(StandardCharsets.UTF_8)),
                    "org.doorstep.application.requested.v1");
            ConsumerRecord<String, byte[]> parked = dlq.await(r -> key.equals(r.key()), WAIT);
            assertThat(TopicReader.header(parked, "x-exception-message")).as("the reason names the field").contains("shareContact");
        }
    }

    private static JsonNode packet(TopicReader packets, String applicationId) {
        ConsumerRecord<String, byte[]> record = packets.await(r -> applicationId.equals(r.key()) && r.value() != null, WAIT);
        assertThat(TopicReader.header(record, "ce_type")).isEqualTo(SUBMITTED);
        assertThat(EventContract.violations(SUBMITTED, TopicReader.value(record))).isEmpty();
        return payload(record);
    }

    private static ProducerRecord<String, byte[]> requested(String applicationId, String seekerId, String share,
                                                            boolean contact) {
        String now = Instant.now().toString();
        String json = """
                {"applicationId": "%s", "matchId": "m-p-%s", "seekerId": "%s", "postingId": "p-1", "partnerId": "partner-1",
                 "share": %s, "shareContact": %s, "contactConsentAt": %s, "requestedAt": "%s"}"""
                .formatted(applicationId, seekerId, seekerId, share, contact, contact ? "\"" + now + "\"" : "null", now);
        assertThat(EventContract.violations("org.doorstep.application.requested.v1", json)).isEmpty();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(REQUESTS, applicationId, json.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "org.doorstep.application.requested.v1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ProducerRecord<String, byte[]> withdrawn(String applicationId, String seekerId) {
        String json = """
                {"applicationId": "%s", "seekerId": "%s", "withdrawnAt": "%s"}""".formatted(applicationId, seekerId, Instant.now());
        assertThat(EventContract.violations("org.doorstep.application.withdrawn.v1", json)).isEmpty();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(REQUESTS, applicationId, json.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "org.doorstep.application.withdrawn.v1".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static void send(ProducerRecord<String, byte[]> record, String type) throws Exception {
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    private static void send(ProducerRecord<String, byte[]> record) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
