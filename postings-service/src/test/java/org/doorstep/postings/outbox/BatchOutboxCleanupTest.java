package org.doorstep.postings.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.postings.posting.EmploymentType;
import org.doorstep.postings.posting.Location;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.Revision;
import org.doorstep.postings.posting.Workplace;
import org.doorstep.postings.outbox.store.MongoPendingOutbox;
import org.doorstep.postings.outbox.store.OutboxDocuments;
import org.doorstep.postings.posting.messaging.PostingEvents;
import org.doorstep.postings.posting.store.PostingDocuments;
import org.doorstep.testkit.TopicReader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch insert's events are published and then removed from their documents in one cleanup, which
 * touches only that batch's entries: an entry another write appended meanwhile stays pending.
 */
class BatchOutboxCleanupTest extends PostingsServiceTest {

    @Autowired
    PostingEvents events;
    @Autowired
    OutboxRelay relay;
    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void publishingABatchEmptiesItsEntriesButKeepsAnEntryAddedMeanwhile() {
        List<Posting> postings = new ArrayList<>();
        List<List<OutboxEntry>> entries = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            Revision revision = newPosting("CLEAN-" + i);
            postings.add(revision.posting());
            entries.add(events.entries(revision.events()));
        }
        // the documents a batch insert writes (as PostingStore.insertAll does before it publishes them)
        String batch = UUID.randomUUID().toString();
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < postings.size(); i++) {
            written.add(PostingDocuments.toDocument(postings.get(i))
                    .append(OutboxDocuments.FIELD, OutboxDocuments.toDocuments(entries.get(i), batch)));
        }
        mongo.getCollection("postings").flatMap(c -> Mono.from(c.insertMany(written))).block();
        // another write appends its own entry to the first document before the batch is marked sent
        Document other = OutboxDocuments.toDocument(new OutboxEntry(UUID.randomUUID().toString(), PostingEvents.UPSERTED,
                PostingEvents.TOPIC, postings.getFirst().postingId(), postings.getFirst().postingId(), Instant.now(), "{}"));
        mongo.getCollection("postings").flatMap(c -> Mono.from(c.updateOne(
                Filters.eq("_id", postings.getFirst().postingId()), Updates.push(OutboxDocuments.FIELD, other)))).block();

        PendingOutbox postingsOutbox = relay.outboxes().stream().filter(o -> o.name().equals("postings")).findFirst()
                .orElseThrow();
        relay.publishAllOrDefer(postingsOutbox, written.stream().map(MongoPendingOutbox::written).toList()).block();

        List<Document> after = mongo.getCollection("postings")
                .flatMapMany(c -> Flux.from(c.find(Filters.in("_id", postings.stream().map(Posting::postingId).toList()))))
                .collectList().block();
        assertThat(after).hasSize(70);
        for (Document doc : after) {
            List<String> pending = doc.getList(OutboxDocuments.FIELD, Document.class).stream()
                    .map(e -> e.getString("ceId")).toList();
            assertThat(pending).as("pending entries of %s", doc.get("_id"))
                    .isEqualTo(doc.get("_id").equals(postings.getFirst().postingId())
                            ? List.of(other.getString("ceId")) : List.of());
        }
        try (TopicReader topic = TopicReader.of(POSTINGS_TOPIC)) {
            String last = postings.getLast().postingId();
            Awaitility.await().atMost(TIMEOUT).until(() -> !topic.forKey(last).isEmpty());
            assertThat(TopicReader.header(topic.forKey(last).getFirst(), "ce_id"))
                    .isEqualTo(entries.getLast().getFirst().ceId());
        }
    }

    private static Revision newPosting(String externalId) {
        PostingContent content = new PostingContent("Batch cleaner", null, null, List.of(),
                new Location(31.23, 121.47, "310000", null), Workplace.ONSITE, EmploymentType.TEMPORARY, null, 1,
                null, null, List.of(), List.of(), List.of(), Instant.now().plus(5, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.MILLIS), List.of("zh"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Posting.create(UUID.randomUUID().toString(), "partner-batch", externalId, content, now);
    }
}
