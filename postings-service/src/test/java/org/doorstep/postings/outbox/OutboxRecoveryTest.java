package org.doorstep.postings.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.Revision;
import org.doorstep.postings.posting.Workplace;
import org.doorstep.postings.outbox.store.OutboxDocuments;
import org.doorstep.postings.posting.messaging.PostingEvents;
import org.doorstep.postings.posting.store.PostingDocuments;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** A crash between the write and the publish (or between the publish and marking it sent) loses nothing. */
class OutboxRecoveryTest extends PostingsServiceTest {

    @Autowired
    PostingEvents events;
    @Autowired
    EventPublisher publisher;
    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void publishesAnEventLeftInTheOutboxByACrashAfterTheWrite() {
        Revision revision = newPosting();
        // the service wrote the posting with its event, then "crashed" before publishing
        List<OutboxEntry> entries = written(revision);

        String postingId = revision.posting().postingId();
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            ConsumerRecord<String, byte[]> record = postings.await(r -> postingId.equals(r.key()), TIMEOUT);
            assertThat(TopicReader.header(record, "ce_id")).isEqualTo(entries.getFirst().ceId());
            assertThat(EventContract.violations("org.doorstep.posting.upserted.v1", TopicReader.value(record))).isEmpty();
        }
        awaitOutboxEmpty(postingId);
    }

    @Test
    void republishesTheSameCeIdWhenTheCrashCameAfterThePublishButBeforeMarkingSent() {
        Revision revision = newPosting();
        List<OutboxEntry> entries = written(revision);
        // published, acknowledged, then "crashed" before removing the entry from the document
        publisher.send(entries.getFirst()).block();

        String postingId = revision.posting().postingId();
        String ceId = entries.getFirst().ceId();
        awaitOutboxEmpty(postingId);
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            Awaitility.await().atMost(TIMEOUT).until(() -> postings.forKey(postingId).size() >= 2);
            assertThat(postings.forKey(postingId)).extracting(r -> TopicReader.header(r, "ce_id"))
                    .containsExactly(ceId, ceId);
        }
    }

    /** What the store writes, without the publishing it starts after the write: a crash right after it. */
    private List<OutboxEntry> written(Revision revision) {
        List<OutboxEntry> entries = events.entries(revision.events());
        mongo.getCollection("postings").flatMap(c -> Mono.from(c.insertOne(PostingDocuments.toDocument(revision.posting())
                .append(OutboxDocuments.FIELD, OutboxDocuments.toDocuments(entries))))).block();
        return entries;
    }

    private void awaitOutboxEmpty(String postingId) {
        Awaitility.await().atMost(TIMEOUT).until(() -> {
            Document doc = mongo.getCollection("postings")
                    .flatMap(c -> Mono.from(c.find(Filters.eq("_id", postingId)).first())).block();
            return doc != null && doc.getList(OutboxDocuments.FIELD, Document.class).isEmpty();
        });
    }

    private static Revision newPosting() {
        PostingContent content = new PostingContent("Crash-proof tester", null, null, List.of(),
                new Location(31.23, 121.47, "310000", null), Workplace.ONSITE, EmploymentType.TEMPORARY, null, 1,
                null, null, List.of(), List.of(), List.of(), Instant.now().plus(5, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.MILLIS), List.of("zh"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Posting.create(UUID.randomUUID().toString(), "partner-" + UUID.randomUUID(), "CRASH-1", content, now);
    }
}
