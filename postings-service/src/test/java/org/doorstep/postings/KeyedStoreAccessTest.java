package org.doorstep.postings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.doorstep.testkit.StoreCommands;

import tools.jackson.databind.JsonNode;

/**
 * Runs the service's flows (a partner registered, its key rotated and revoked, postings created, changed,
 * read, batch-written and closed, the outbox relay and sweeper, the expiry job, campaigns) with every
 * command of its MongoDB client recorded, and fails on any filter that is not keyed: the MongoDB-wire
 * server scans the whole collection under its lock for those. A context of its own (the recording
 * client), over the same broker and store.
 */
@TestPropertySource(properties = {"doorstep.outbox.full-sweep-interval=5m", "doorstep.expiry.scan-interval=5m"})
class KeyedStoreAccessTest extends PostingsServiceTest {

    private static final String PAGE = "GET /api/v1/postings (a partner's listing, paged by externalId): a query "
            + "API, not the write or event path; a MongoDB replica set answers it from the partnerExternalId index, "
            + "the MongoDB-wire server scans";

    /** Not on a hot path, or bounded; each with its reason. */
    private static final List<StoreCommands.Allowed> ALLOWED = List.of(
            new StoreCommands.Allowed("postings", Set.of("partnerId"), PAGE),
            new StoreCommands.Allowed("postings", Set.of("partnerId", "status"), PAGE),
            new StoreCommands.Allowed("postings", Set.of("partnerId", "externalId"), PAGE),
            new StoreCommands.Allowed("postings", Set.of("partnerId", "status", "externalId"), PAGE),
            new StoreCommands.Allowed("postings", Set.of("status", "validThrough"),
                    "the expiry search: at start-up and every expiry scan interval (5 min), 10,000 at most; "
                            + "what it finds is closed by _id when due"),
            new StoreCommands.Allowed("postings", Set.of("$aggregate"),
                    "GET /api/v1/campaigns/{code} (operator, on request): a campaign's progress by region"),
            new StoreCommands.Allowed("partners", Set.of(),
                    "at start-up: key index entries for the partners written before the index existed (a few thousand)"),
            new StoreCommands.Allowed("campaigns", Set.of(),
                    "GET /api/v1/campaigns (operator, on request): every campaign, a few hundred at most"),
            new StoreCommands.Allowed("postings", Set.of("outbox.time"),
                    "the outbox full sweep for entries a crash left behind: at start-up and every full-sweep "
                            + "interval (5 min), 500 at most"),
            new StoreCommands.Allowed("partners", Set.of("outbox.time"),
                    "the outbox full sweep, as above"),
            new StoreCommands.Allowed("postingDuplicates", Set.of("partnerId"),
                    "GET /api/v1/postings:duplicated (a partner's own list, on request): only postings that are the "
                            + "same job as others are kept there"));

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

    @Test
    void everyFilterThePostingFlowsSendToTheStoreIsKeyed() {
        TestPartner partner = registerPartner();
        JsonNode second = json(http.post().uri("/api/v1/partners/{id}/keys", partner.partnerId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN).exchange().expectStatus().isCreated());
        TestPartner rotated = new TestPartner(partner.partnerId(), second.get("keyId").stringValue(),
                second.get("apiKey").stringValue());
        http.delete().uri("/api/v1/partners/{id}/keys/{keyId}", partner.partnerId(), partner.keyId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN).exchange().expectStatus().isOk();
        get(partner, "anything").expectStatus().isUnauthorized();

        String externalId = externalId();
        String postingId = json(put(rotated, externalId, validPosting("Welder")).expectStatus().isCreated())
                .get("postingId").stringValue();
        put(rotated, externalId, validPosting("Senior welder")).expectStatus().isOk();
        get(rotated, externalId).expectStatus().isOk();
        http.get().uri("/api/v1/postings?status=OPEN").header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated.apiKey())
                .exchange().expectStatus().isOk();
        Map<String, Object> line = validPosting("Fitter");
        line.put("externalId", externalId());
        http.post().uri("/api/v1/postings:batch").header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated.apiKey())
                .contentType(MediaType.parseMediaType("application/x-ndjson"))
                .bodyValue(JSON.writeValueAsString(line) + "\n").exchange().expectStatus().isOk();
        http.delete().uri("/api/v1/postings/{id}", externalId).header(HttpHeaders.AUTHORIZATION, "Bearer " + rotated.apiKey())
                .exchange().expectStatus().is2xxSuccessful();
        String code = "KEYED-" + postingId.substring(0, 8);
        http.post().uri("/api/v1/campaigns").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "name", "Spring drive", "startsOn", "2026-02-01", "endsOn", "2026-06-30",
                        "targetJobs", 100, "targetGroups", List.of("COLLEGE_GRADUATE")))
                .exchange().expectStatus().isCreated();
        http.get().uri("/api/v1/campaigns/{code}", code).header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isOk();
        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            postings.await(r -> postingId.equals(r.key())
                    && "org.doorstep.posting.closed.v1".equals(TopicReader.header(r, "ce_type")), TIMEOUT);
        }
        String database = mongo.getMongoDatabase().map(d -> d.getName()).block();

        assertThat(commands.sentTo(database)).as("the flows reached the store")
                .anyMatch(s -> s.command().equals("findAndModify")).anyMatch(s -> s.command().equals("update"))
                .anyMatch(s -> s.command().equals("find") && s.collection().equals("partners"));
        assertThat(commands.unkeyed(database, uniqueKeys(database), ALLOWED))
                .as("filters that make the MongoDB-wire server scan a collection").isEmpty();
        // the jobs run every second here (doorstep.outbox.sweep-interval, doorstep.expiry.interval): their searches do not
        assertThat(commands.sentTo(database)).filteredOn(s -> s.fields().equals(Set.of("status", "validThrough")))
                .as("expiry searches").hasSizeLessThanOrEqualTo(1);
        for (String collection : List.of("postings", "partners")) {
            assertThat(commands.sentTo(database))
                    .filteredOn(s -> s.collection().equals(collection) && s.fields().equals(Set.of("outbox.time")))
                    .as("outbox full sweeps of %s", collection).hasSizeLessThanOrEqualTo(1);
        }
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
