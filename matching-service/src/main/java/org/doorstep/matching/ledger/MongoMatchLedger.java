package org.doorstep.matching.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchLedger;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;

import reactor.core.publisher.Mono;

/**
 * The match ledger in MongoDB (database {@code matching}, collection {@code matches}), one document
 * per pair keyed by matchId. Claims are conditional writes (insert, or update at the expected
 * revision), so two instances or two threads never both announce the same revision. Called from
 * Kafka listener threads, which may block.
 */
@Component
class MongoMatchLedger implements MatchLedger {

    static final String COLLECTION = "matches";

    private final ReactiveMongoTemplate mongo;

    MongoMatchLedger(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on("postingId", org.springframework.data.domain.Sort.Direction.ASC)).block();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("seekerId", org.springframework.data.domain.Sort.Direction.ASC)).block();
    }

    @Override
    public List<LedgerEntry> forPosting(String postingId) {
        return find(Query.query(Criteria.where("postingId").is(postingId)));
    }

    @Override
    public List<LedgerEntry> forSeeker(String seekerId) {
        return find(Query.query(Criteria.where("seekerId").is(seekerId)));
    }

    @Override
    public Optional<LedgerEntry> find(String matchId) {
        return find(Query.query(Criteria.where("_id").is(matchId))).stream().findFirst();
    }

    @Override
    public boolean claim(LedgerEntry next, int expectedRevision) {
        if (expectedRevision == 0) {
            return claimNew(List.of(next)).contains(next.matchId());
        }
        Document document = toDocument(next);
        Update update = new Update();
        document.forEach((k, v) -> {
            if (!"_id".equals(k)) {
                update.set(k, v);
            }
        });
        Query query = Query.query(Criteria.where("_id").is(next.matchId()).and("revision").is(expectedRevision));
        Long modified = mongo.updateFirst(query, update, COLLECTION).map(r -> r.getModifiedCount()).block();
        return modified != null && modified > 0;
    }

    /**
     * One unordered insert of all entries: each either lands or fails alone on the duplicate key of a
     * pair recorded before (any other failure is thrown).
     */
    @Override
    public Set<String> claimNew(List<LedgerEntry> entries) {
        Set<String> claimed = new LinkedHashSet<>();
        entries.forEach(e -> claimed.add(e.matchId()));
        if (entries.isEmpty()) {
            return claimed;
        }
        List<Document> documents = entries.stream().map(MongoMatchLedger::toDocument).toList();
        try {
            mongo.getCollection(COLLECTION)
                    .flatMap(c -> Mono.from(c.insertMany(documents, new InsertManyOptions().ordered(false))))
                    .block();
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                claimed.remove(entries.get(error.getIndex()).matchId());
            }
        }
        return claimed;
    }

    @Override
    public void markPublished(Map<String, Integer> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>(revisions.size());
        revisions.forEach((matchId, revision) -> updates.add(new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", matchId), Filters.eq("revision", revision)), Updates.set("published", true))));
        mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.bulkWrite(updates, new BulkWriteOptions().ordered(false))))
                .block();
    }

    @Override
    public boolean withdraw(String matchId, Instant at) {
        Long modified = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(matchId).and("status").is(LedgerEntry.Status.ACTIVE.name())),
                new Update().set("status", LedgerEntry.Status.WITHDRAWN.name()).set("updatedAt", Date.from(at)),
                COLLECTION).map(r -> r.getModifiedCount()).block();
        return modified != null && modified > 0;
    }

    @Override
    public void dismiss(String matchId, String seekerId, String postingId, Instant at) {
        mongo.upsert(Query.query(Criteria.where("_id").is(matchId)),
                new Update().set("status", LedgerEntry.Status.DISMISSED.name())
                        .set("updatedAt", Date.from(at))
                        .setOnInsert("seekerId", seekerId)
                        .setOnInsert("postingId", postingId)
                        .setOnInsert("revision", 0)
                        .setOnInsert("score", 0.0)
                        .setOnInsert("published", true),
                COLLECTION).block();
    }

    @Override
    public Map<String, Map<String, Long>> activeCounts() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("byCampaign", new LinkedHashMap<>());
        counts.put("byKeyGroup", new LinkedHashMap<>());
        counts.put("byRegion", new LinkedHashMap<>());
        Query active = Query.query(Criteria.where("status").is(LedgerEntry.Status.ACTIVE.name()));
        active.fields().include("campaignCodes").include("keyGroups").include("regionCode");
        List<Document> documents = mongo.find(active, Document.class, COLLECTION).collectList().block();
        long total = 0;
        for (Document d : documents == null ? List.<Document>of() : documents) {
            total++;
            for (String campaign : strings(d.get("campaignCodes"))) {
                counts.get("byCampaign").merge(campaign, 1L, Long::sum);
            }
            for (String group : strings(d.get("keyGroups"))) {
                counts.get("byKeyGroup").merge(group, 1L, Long::sum);
            }
            String region = d.getString("regionCode");
            counts.get("byRegion").merge(region == null ? "unknown" : region, 1L, Long::sum);
        }
        counts.put("total", new LinkedHashMap<>(Map.of("active", total)));
        return counts;
    }

    private List<LedgerEntry> find(Query query) {
        List<Document> documents = mongo.find(query, Document.class, COLLECTION).collectList().block();
        List<LedgerEntry> entries = new ArrayList<>();
        if (documents != null) {
            documents.forEach(d -> entries.add(toEntry(d)));
        }
        return entries;
    }

    private static Document toDocument(LedgerEntry e) {
        return new Document("_id", e.matchId())
                .append("seekerId", e.seekerId())
                .append("postingId", e.postingId())
                .append("partnerId", e.partnerId())
                .append("revision", e.revision())
                .append("score", e.score())
                .append("status", e.status().name())
                .append("published", e.published())
                .append("campaignCodes", e.campaignCodes())
                .append("keyGroups", e.keyGroups())
                .append("regionCode", e.regionCode())
                .append("updatedAt", Date.from(e.updatedAt()));
    }

    private static LedgerEntry toEntry(Document d) {
        Date updated = d.getDate("updatedAt");
        Number revision = (Number) d.getOrDefault("revision", 0);
        Number score = (Number) d.getOrDefault("score", 0.0);
        return new LedgerEntry(d.getString("_id"), d.getString("seekerId"), d.getString("postingId"),
                d.getString("partnerId"), revision.intValue(), score.doubleValue(),
                LedgerEntry.Status.valueOf(d.getString("status")), Boolean.TRUE.equals(d.getBoolean("published")),
                strings(d.get("campaignCodes")), strings(d.get("keyGroups")), d.getString("regionCode"),
                updated == null ? Instant.EPOCH : updated.toInstant());
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
