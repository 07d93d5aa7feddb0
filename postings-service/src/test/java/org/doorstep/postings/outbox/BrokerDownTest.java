package org.doorstep.postings.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.postings.outbox.store.OutboxDocuments;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write to MongoDB is the commit point: with no broker to reach, a partner's write still answers at once
 * and its event waits in the outbox for the relay. A context of its own whose producer points at a closed port.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerDownTest extends PostingsServiceTest {

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
        registry.add("spring.kafka.admin.auto-create", () -> "false");
    }

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void partnerWritesAnswerAtOnceAndKeepTheirEventsInTheOutboxWhileTheBrokerIsDown() {
        TestPartner partner = registerPartner();

        for (int i = 0; i < 3; i++) {
            String externalId = externalId();
            long started = System.nanoTime();
            JsonNode created = json(put(partner, externalId, validPosting("Crane operator " + i))
                    .expectStatus().isCreated());
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(elapsedMillis).as("PUT %d answered without waiting for the broker", i).isLessThan(2_000);
            List<Document> outbox = outbox(created.get("postingId").stringValue());
            assertThat(outbox).extracting(e -> e.getString("type")).containsExactly("org.doorstep.posting.upserted.v1");
            assertThat(outbox).extracting(e -> e.getString("key")).containsExactly(created.get("postingId").stringValue());
        }
    }

    private List<Document> outbox(String postingId) {
        Document doc = mongo.getCollection("postings")
                .flatMap(c -> Mono.from(c.find(Filters.eq("_id", postingId)).first())).block();
        assertThat(doc).isNotNull();
        return doc.getList(OutboxDocuments.FIELD, Document.class);
    }

    /** A port nothing listens on: bound once to find it free, then closed. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
