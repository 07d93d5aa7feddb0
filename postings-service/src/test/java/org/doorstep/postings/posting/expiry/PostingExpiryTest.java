package org.doorstep.postings.posting.expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.postings.posting.app.PostingService;
import org.doorstep.postings.posting.store.PostingStore;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PostingExpiryTest extends PostingsServiceTest {

    private static final int POSTINGS = 12;

    @Autowired
    PostingStore store;
    @Autowired
    PostingService service;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    Clock clock;

    @Test
    void closesEachExpiredPostingExactlyOnceWhileTwoInstancesRace() {
        TestPartner partner = registerPartner();
        List<String> postingIds = new ArrayList<>();
        for (int i = 0; i < POSTINGS; i++) {
            postingIds.add(json(put(partner, "EXP-" + i, validPosting("Seasonal picker " + i))
                    .expectStatus().isCreated()).get("postingId").stringValue());
        }
        // time passes for these postings: their validThrough is now behind us
        mongo.getCollection("postings")
                .flatMap(c -> Mono.from(c.updateMany(Filters.in("_id", postingIds),
                        Updates.set("validThrough", Date.from(Instant.now().minus(1, ChronoUnit.MINUTES))))))
                .block();
        PostingExpiry first = new PostingExpiry(store, service, clock, Duration.ofMinutes(5));
        PostingExpiry second = new PostingExpiry(store, service, clock, Duration.ofMinutes(5));

        List<Long> closedByEach = Flux.merge(
                        first.closeExpired().subscribeOn(Schedulers.parallel()),
                        second.closeExpired().subscribeOn(Schedulers.parallel()))
                .collectList().block();

        assertThat(closedByEach).hasSize(2);
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            for (String postingId : postingIds) {
                postings.await(r -> postingId.equals(r.key())
                        && "org.doorstep.posting.closed.v1".equals(TopicReader.header(r, "ce_type")), TIMEOUT);
            }
            for (String postingId : postingIds) {
                List<ConsumerRecord<String, byte[]>> closed = postings.forKey(postingId).stream()
                        .filter(r -> "org.doorstep.posting.closed.v1".equals(TopicReader.header(r, "ce_type")))
                        .toList();
                assertThat(closed).as("closed events of %s", postingId).hasSize(1);
                String data = TopicReader.value(closed.getFirst());
                assertThat(EventContract.violations("org.doorstep.posting.closed.v1", data)).isEmpty();
                JsonNode event = JSON.readTree(data);
                assertThat(event.get("closedReason").stringValue()).isEqualTo("EXPIRED");
                assertThat(event.get("version").asLong()).isEqualTo(2);
            }
        }
        for (int i = 0; i < POSTINGS; i++) {
            JsonNode posting = json(get(partner, "EXP-" + i).expectStatus().isOk());
            assertThat(posting.get("status").stringValue()).isEqualTo("CLOSED");
            assertThat(posting.get("closedReason").stringValue()).isEqualTo("EXPIRED");
        }
    }
}
