package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class ErasureTest extends SeekersServiceTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    private WebTestClient.ResponseSpec erase(Registered seeker) {
        return http.delete().uri("/api/v1/seekers/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token()).exchange();
    }

    @Test
    void erasesTheDocumentPublishesErasedThenATombstoneOnBothTopicsAndRefusesTheToken() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC);
             TopicReader preferences = TopicReader.of(PREFERENCES_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);
            awaitEvent(seekers, UPSERTED, seeker.seekerId(), 1);

            erase(seeker).expectStatus().isNoContent();

            for (TopicReader topic : List.of(seekers, preferences)) {
                ConsumerRecord<String, byte[]> erased = awaitEvent(topic, ERASED, seeker.seekerId(), -1);
                assertThat(EventContract.violations(ERASED, TopicReader.value(erased))).isEmpty();
                assertThat(payload(erased).get("seekerId").stringValue()).isEqualTo(seeker.seekerId());
                ConsumerRecord<String, byte[]> tombstone = topic.await(
                        r -> seeker.seekerId().equals(r.key()) && r.value() == null, WAIT);
                assertThat(tombstone.partition()).isEqualTo(erased.partition());
                assertThat(tombstone.offset()).isGreaterThan(erased.offset());
            }
            await().atMost(WAIT).until(() -> mongo.findById(seeker.seekerId(), Document.class, "seekers").block() == null);
            http.get().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            put(seeker, "{}").expectStatus().isUnauthorized();
            erase(seeker).expectStatus().isUnauthorized();
        }
    }

    @Test
    void refusesTheErasedSeekersTokenOnEverySeekerEndpointAtOnce() {
        Registered seeker = register(FULL_PROFILE);
        me(seeker);

        erase(seeker).expectStatus().isNoContent();

        // at once: the erasure record refuses the token before the outbox has been published and the stub dropped
        List<WebTestClient.RequestHeadersSpec<?>> requests = List.of(
                http.get().uri("/api/v1/seekers/me"),
                http.put().uri("/api/v1/seekers/me").contentType(MediaType.APPLICATION_JSON).bodyValue("{}"),
                http.patch().uri("/api/v1/seekers/me").contentType(MediaType.parseMediaType(MERGE_PATCH)).bodyValue("{}"),
                http.delete().uri("/api/v1/seekers/me"));
        for (WebTestClient.RequestHeadersSpec<?> request : requests) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized")
                    .jsonPath("$.status").isEqualTo(401);
        }
    }

    @Test
    void keepsNoPersonalDataWhileTheErasureIsBeingPublished() {
        Registered seeker = register(FULL_PROFILE);

        erase(seeker).expectStatus().isNoContent();

        Document left = mongo.findById(seeker.seekerId(), Document.class, "seekers").block();
        if (left != null) {
            assertThat(left.toJson()).doesNotContain("Li Wei", "li.wei@example.cn", "COLLEGE_GRADUATE", "displayName");
        }
        Document erasure = mongo.findById(seeker.seekerId(), Document.class, "erasures").block();
        assertThat(erasure).isNotNull();
        assertThat(erasure.keySet()).containsExactlyInAnyOrder("_id", "erasedAt");
    }
}
