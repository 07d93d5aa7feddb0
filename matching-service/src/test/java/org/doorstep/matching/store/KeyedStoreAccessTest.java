package org.doorstep.matching.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.doorstep.matching.MatchingApplication;
import org.doorstep.matching.OwnInstance;
import org.doorstep.matching.TestEvents;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.doorstep.testkit.StoreCommands;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the service's flows (postings and profiles matched both ways, a material re-score, a profile
 * change that breaks a match, a posting closed, a seeker erased, a dismissal, the operator's explain)
 * in an instance of its own (own topics and database, so the shared test context stays out), records
 * every command its MongoDB client sends, and fails on any filter that is not keyed: the MongoDB-wire
 * server scans the whole collection under its lock for those, once per match on the hot path.
 */
@DoorstepInfrastructure
class KeyedStoreAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FOUND = "org.doorstep.match.found.v1";
    private static final String WITHDRAWN = "org.doorstep.match.withdrawn.v1";

    /** Not on the event path; each with its reason. */
    private static final List<StoreCommands.Allowed> ALLOWED = List.of(
            new StoreCommands.Allowed(MongoMatchLedger.COLLECTION, Set.of("status"),
                    "GET /api/v1/stats (operator, on request): counts the active pairs"),
            new StoreCommands.Allowed(MongoMatchLedger.COLLECTION, Set.of(),
                    "once, at the first start of a ledger without listings: ListingBackfill writes them"));

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "keyed-" + tag;
    private final String database = "matching-keyed-" + tag;

    private ConfigurableApplicationContext start(StoreCommands commands) {
        MongoClientSettingsBuilderCustomizer recording = builder -> builder.addCommandListener(commands);
        return OwnInstance.start(new SpringApplicationBuilder(MatchingApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("recordingCommands", recording)),
                prefix, database);
    }

    @Test
    void everyFilterTheMatchingFlowsSendToTheStoreIsKeyed() {
        StoreCommands commands = new StoreCommands();
        List<String> seekers = List.of(id(), id(), id(), id());
        String posting = id();
        String laterPosting = id();
        try (ConfigurableApplicationContext context = start(commands);
             TestEvents events = new TestEvents();
             TopicReader matches = TopicReader.of(prefix + ".matches")) {
            // matched by a posting's trigger, then by a seeker's
            for (String seeker : seekers.subList(0, 3)) {
                events.send(prefix + ".seekers", "org.doorstep.seeker.upserted.v1", seeker, TestEvents.seeker(seeker));
            }
            events.send(prefix + ".postings", "org.doorstep.posting.upserted.v1", posting, TestEvents.posting(posting));
            events.send(prefix + ".seekers", "org.doorstep.seeker.upserted.v1", seekers.get(3), TestEvents.seeker(seekers.get(3)));
            for (String seeker : seekers) {
                await(matches, FOUND, seeker, posting);
            }
            // a material change of score: revision 2
            ObjectNode weaker = TestEvents.seeker(seekers.get(0));
            weaker.put("version", 3);
            TestEvents.skills(weaker, "Kafka");
            weaker.putArray("desiredOccupations");
            events.send(prefix + ".seekers", "org.doorstep.seeker.upserted.v1", seekers.get(0), weaker);
            // a profile change that breaks the match
            ObjectNode moved = TestEvents.seeker(seekers.get(1));
            moved.put("version", 3);
            ((ObjectNode) moved.get("location")).put("lat", 39.9042).put("lon", 116.4074);
            moved.put("remoteOk", false);
            events.send(prefix + ".seekers", "org.doorstep.seeker.upserted.v1", seekers.get(1), moved);
            await(matches, WITHDRAWN, seekers.get(1), posting);
            // a dismissal, then a seeker erased
            ObjectNode dismissed = TestEvents.example("org.doorstep.match.dismissed.v1");
            dismissed.put("matchId", MatchId.of(posting, seekers.get(2)));
            dismissed.put("seekerId", seekers.get(2));
            dismissed.put("postingId", posting);
            dismissed.put("at", Instant.now().toString());
            events.send(prefix + ".feedback", "org.doorstep.match.dismissed.v1", seekers.get(2), dismissed);
            ObjectNode erased = TestEvents.example("org.doorstep.seeker.erased.v1");
            erased.put("seekerId", seekers.get(3));
            events.send(prefix + ".seekers", "org.doorstep.seeker.erased.v1", seekers.get(3), erased);
            await(matches, WITHDRAWN, seekers.get(3), posting);
            // a posting closed withdraws what is left; a later posting is matched afresh
            ObjectNode closed = TestEvents.example("org.doorstep.posting.closed.v1");
            closed.put("postingId", posting);
            closed.put("externalId", "EXT-" + posting);
            closed.put("version", 4);
            events.send(prefix + ".postings", "org.doorstep.posting.closed.v1", posting, closed);
            await(matches, WITHDRAWN, seekers.get(0), posting);
            events.send(prefix + ".postings", "org.doorstep.posting.upserted.v1", laterPosting, TestEvents.posting(laterPosting));
            await(matches, FOUND, seekers.get(0), laterPosting);
            assertThat(context.getBean(MatchEngine.class).explain(posting, seekers.get(2)).ledger()).isNotNull();
            assertThat(context.getBean(MatchLedger.class).activeCounts()).containsKey("byCampaign");

            assertThat(commands.sentTo(database)).as("the flows reached the store")
                    .anyMatch(s -> s.command().equals("update")).anyMatch(s -> s.command().equals("find"));
            assertThat(commands.unkeyed(database, uniqueKeys(context, commands), ALLOWED))
                    .as("filters that make the MongoDB-wire server scan a collection").isEmpty();
        }
    }

    private static void await(TopicReader matches, String type, String seekerId, String postingId) {
        ConsumerRecord<String, byte[]> record = matches.await(r -> seekerId.equals(r.key())
                && type.equals(TopicReader.header(r, "ce_type"))
                && postingId.equals(json(r).path("postingId").asString()), WAIT);
        assertThat(record).isNotNull();
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return TestEvents.JSON.readTree(TopicReader.value(record));
    }

    /** The keys of each unique index of every collection the flows touched, as the store reports them. */
    private Map<String, List<Set<String>>> uniqueKeys(ConfigurableApplicationContext context, StoreCommands commands) {
        ReactiveMongoTemplate mongo = context.getBean(ReactiveMongoTemplate.class);
        Map<String, List<Set<String>>> keys = new HashMap<>();
        for (String collection : commands.sentTo(database).stream().map(StoreCommands.Sent::collection).distinct().toList()) {
            List<Set<String>> unique = new ArrayList<>();
            List<Document> indexes = mongo.getCollection(collection)
                    .flatMapMany(c -> c.listIndexes()).collectList().block();
            for (Document index : indexes == null ? List.<Document>of() : indexes) {
                if (Boolean.TRUE.equals(index.get("unique"))) {
                    unique.add(new LinkedHashSet<>(index.get("key", Document.class).keySet()));
                }
            }
            keys.put(collection, unique);
        }
        return keys;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
