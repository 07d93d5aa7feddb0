package org.doorstep.matching.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.doorstep.matching.match.Placement;
import org.doorstep.matching.match.Placements;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Placements as counters ({@code placement_stats}, one document per dimension and value: {@code total},
 * {@code keyGroup|DISABLED}, {@code region|510100}, {@code campaign|SPRING-2026}), incremented in one unordered bulk
 * write of keyed upserts. {@code placements_counted} holds one marker per counted match ({@code _id} = the one-way hash
 * of its matchId), inserted first, so that a redelivered outcome is not counted twice (a crash between the two writes
 * loses that one placement rather than counting it twice). The statistics read the counters: as many documents as
 * there are key groups, regions and campaigns, not the ledger.
 */
@Component
class MongoPlacements implements Placements {

    static final String STATS = "placement_stats";
    static final String COUNTED = "placements_counted";
    private static final double SECONDS_PER_DAY = 86_400d;

    private final ReactiveMongoTemplate mongo;

    MongoPlacements(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean record(Placement placement) {
        try {
            mongo.getCollection(COUNTED).flatMap(c -> Mono.from(c.insertOne(new Document("_id", placement.matchRef()))))
                    .block();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        writes.add(increment("total", "all", placement));
        placement.keyGroups().forEach(group -> writes.add(increment("keyGroup", group, placement)));
        writes.add(increment("region", placement.regionCode() == null ? "unknown" : placement.regionCode(), placement));
        placement.campaignCodes().forEach(campaign -> writes.add(increment("campaign", campaign, placement)));
        mongo.getCollection(STATS).flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .block();
        return true;
    }

    private static WriteModel<Document> increment(String dimension, String value, Placement placement) {
        List<org.bson.conversions.Bson> updates = new ArrayList<>(List.of(
                Updates.setOnInsert("dimension", dimension), Updates.setOnInsert("value", value),
                Updates.inc("placements", 1L)));
        if (placement.timeToHire() != null) {
            updates.add(Updates.inc("timedPlacements", 1L));
            updates.add(Updates.inc("secondsToHire", placement.timeToHire().toSeconds()));
        }
        if (placement.timeFromPosting() != null) {
            updates.add(Updates.inc("postedPlacements", 1L));
            updates.add(Updates.inc("secondsFromPosting", placement.timeFromPosting().toSeconds()));
        }
        return new UpdateOneModel<>(Filters.eq("_id", dimension + "|" + value), Updates.combine(updates),
                new UpdateOptions().upsert(true));
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Map<String, Object>> byDimension = new LinkedHashMap<>();
        for (String dimension : List.of("keyGroup", "region", "campaign")) {
            byDimension.put(dimension, new TreeMap<>());
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total", counts(null));
        List<Document> documents = mongo.getCollection(STATS).flatMapMany(c -> Flux.from(c.find())).collectList().block();
        for (Document d : documents == null ? List.<Document>of() : documents) {
            String dimension = d.getString("dimension");
            if ("total".equals(dimension)) {
                stats.put("total", counts(d));
            } else if (byDimension.containsKey(dimension)) {
                byDimension.get(dimension).put(d.getString("value"), counts(d));
            }
        }
        stats.put("byKeyGroup", byDimension.get("keyGroup"));
        stats.put("byRegion", byDimension.get("region"));
        stats.put("byCampaign", byDimension.get("campaign"));
        return stats;
    }

    private static Double meanDays(long seconds, long placements) {
        return placements == 0 ? null : Math.round(seconds / SECONDS_PER_DAY / placements * 10) / 10d;
    }

    private static Map<String, Object> counts(Document d) {
        Map<String, Object> counts = new LinkedHashMap<>();
        long placements = d == null ? 0 : ((Number) d.getOrDefault("placements", 0L)).longValue();
        long timed = d == null ? 0 : ((Number) d.getOrDefault("timedPlacements", 0L)).longValue();
        long seconds = d == null ? 0 : ((Number) d.getOrDefault("secondsToHire", 0L)).longValue();
        counts.put("placements", placements);
        long posted = d == null ? 0 : ((Number) d.getOrDefault("postedPlacements", 0L)).longValue();
        long fromPosting = d == null ? 0 : ((Number) d.getOrDefault("secondsFromPosting", 0L)).longValue();
        counts.put("meanDaysToHire", meanDays(seconds, timed));
        counts.put("meanDaysFromPostingToHire", meanDays(fromPosting, posted));
        return counts;
    }
}
