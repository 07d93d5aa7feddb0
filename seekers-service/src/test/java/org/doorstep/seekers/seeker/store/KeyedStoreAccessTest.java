package org.doorstep.seekers.seeker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.seekers.outbox.OutboxRelay;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.doorstep.testkit.StoreCommands;

/**
 * Runs the service's flows (register, read, replace, merge-patch, erase, a revoked token, the relay
 * publishing and dropping the erased stub) with every command of its MongoDB client recorded, and fails
 * on any filter that is not keyed: the MongoDB-wire server scans the whole collection under its lock for
 * those. A context of its own (the recording client), over the same broker and store.
 */
@TestPropertySource(properties = "doorstep.outbox.full-sweep-interval=5m")
class KeyedStoreAccessTest extends SeekersServiceTest {

    /** Not on a request or relay path; each with its reason. */
    private static final List<StoreCommands.Allowed> ALLOWED = List.of(
            new StoreCommands.Allowed(SeekerDocument.COLLECTION, Set.of("outbox.0"),
                    "the relay's full sweep for entries a crash left behind: at start-up and every full-sweep "
                            + "interval (5 min), 500 at most"));

    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {

        @Bean
        StoreCommands storeCommands() {
            return new StoreCommands();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer recordStoreCommands(StoreCommands commands) {
            return builder -> builder.addCommandListener(commands);
        }
    }

    @Autowired
    StoreCommands commands;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    @Test
    void everyFilterTheSeekerFlowsSendToTheStoreIsKeyed() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);
            awaitEvent(seekers, UPSERTED, seeker.seekerId(), 1);
            me(seeker);
            put(seeker, FULL_PROFILE.replace("\"maxDistanceKm\": 15", "\"maxDistanceKm\": 30")).expectStatus().isOk();
            patch(seeker, "{\"remoteOk\": false}").expectStatus().isOk();
            awaitEvent(seekers, UPSERTED, seeker.seekerId(), 3);
            http.delete().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                    .exchange().expectStatus().isNoContent();
            awaitEvent(seekers, ERASED, seeker.seekerId(), -1);
            await().atMost(WAIT).until(() -> mongo.findById(seeker.seekerId(), Document.class, "seekers").block() == null);
            http.get().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                    .exchange().expectStatus().isUnauthorized();
        }
        String database = mongo.getMongoDatabase().map(d -> d.getName()).block();

        assertThat(commands.sentTo(database)).as("the flows reached the store")
                .anyMatch(s -> s.command().equals("update")).anyMatch(s -> s.command().equals("find"))
                .anyMatch(s -> s.command().equals("delete"));
        assertThat(commands.unkeyed(database, uniqueKeys(database), ALLOWED))
                .as("filters that make the MongoDB-wire server scan a collection").isEmpty();
        assertThat(commands.sentTo(database)).filteredOn(s -> s.fields().equals(Set.of("outbox.0")))
                .as("full sweeps: the one at start-up, not one per sweep interval (1 s)").hasSizeLessThanOrEqualTo(1);
    }

    /**
     * 200 seekers whose writes each triggered the relay, published in batches: one read by {@code _id $in} per
     * batch instead of reads per seeker (the relay used to read each seeker before and after each entry).
     */
    @Test
    void aBurstOfPendingSeekersIsPublishedInBatchesOfKeyedReadsAndWrites() {
        String database = mongo.getMongoDatabase().map(d -> d.getName()).block();
        List<String> ids = new ArrayList<>();
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            documents.add(pendingSeeker(id));
        }
        mongo.insert(documents, SeekerDocument.COLLECTION).collectList().block();
        int before = commands.sentTo(database).size();

        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            ids.forEach(relay::trigger);
            Set<String> wanted = new HashSet<>(ids);
            await().atMost(WAIT).until(() -> seekers.poll().stream().map(r -> r.key()).filter(wanted::contains)
                    .distinct().count() == ids.size());
        }
        await().atMost(WAIT).until(() -> mongo.find(query(where("_id").in(ids)), Document.class, SeekerDocument.COLLECTION)
                .all(d -> d.getList("outbox", Document.class).isEmpty()).block());

        List<StoreCommands.Sent> relayed = commands.sentTo(database).subList(before, commands.sentTo(database).size());
        assertThat(relayed).filteredOn(s -> s.command().equals("find"))
                .as("reads of the seekers' outboxes: a few batches, not one or more per seeker")
                .hasSizeBetween(1, 20)
                .allMatch(s -> s.filter().getDocument("_id").containsKey("$in"));
        assertThat(relayed).filteredOn(s -> s.command().equals("update"))
                .as("one $pull per seeker, in bulk writes").hasSize(ids.size());
        assertThat(commands.unkeyed(database, uniqueKeys(database), ALLOWED)).isEmpty();
    }

    /** A seeker document with one entry waiting in its outbox, as a write leaves it before the relay runs. */
    private static Document pendingSeeker(String id) {
        String data = EventContract.example(UPSERTED).replace("a3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d", id);
        Document pending = new Document("ceId", UUID.randomUUID().toString()).append("ceType", UPSERTED)
                .append("topic", SEEKERS_TOPIC).append("key", id).append("time", new Date()).append("payload", data);
        return new Document("_id", id).append("version", 1L).append("erased", false).append("outbox", List.of(pending));
    }

    /** The keys of each unique index of every collection the flows touched, as the store reports them. */
    private Map<String, List<Set<String>>> uniqueKeys(String database) {
        Map<String, List<Set<String>>> keys = new HashMap<>();
        for (String collection : commands.sentTo(database).stream().map(StoreCommands.Sent::collection).distinct().toList()) {
            List<Set<String>> unique = new ArrayList<>();
            List<Document> indexes = mongo.getCollection(collection).flatMapMany(c -> c.listIndexes()).collectList().block();
            for (Document index : indexes == null ? List.<Document>of() : indexes) {
                if (Boolean.TRUE.equals(index.get("unique"))) {
                    unique.add(new LinkedHashSet<>(index.get("key", Document.class).keySet()));
                }
            }
            keys.put(collection, unique);
        }
        return keys;
    }
}
