package org.doorstep.matching.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.MongoException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.doorstep.matching.match.OutcomeSeries;
import org.doorstep.matching.match.Outcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Outcome counters by day ({@code outcome_stats}, one document per day, outcome, dimension and value:
 * {@code _id = 2026-12-03|found|region|510100}), incremented in one unordered bulk write of keyed upserts per round or
 * feedback event. A day range is read by {@code _id} range (ids begin with the ISO day): on request, never on the
 * event path; a MongoDB replica set answers it from the {@code _id} index, the MongoDB-wire server scans. A write the
 * store refuses is logged and its counts lost: the round or event it counts is not failed for its statistics.
 */
@Component
class MongoOutcomeSeries implements OutcomeSeries {

    static final String COLLECTION = "outcome_stats";
    private static final Map<String, String> GROUPS = Map.of("keyGroup", "byKeyGroup", "region", "byRegion",
            "campaign", "byCampaign");

    private static final Logger log = LoggerFactory.getLogger(MongoOutcomeSeries.class);

    private final ReactiveMongoTemplate mongo;

    MongoOutcomeSeries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void add(Outcomes outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        outcomes.counts().forEach((key, count) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", key.day() + "|" + key.outcome() + "|" + key.dimension() + "|" + key.value()),
                Updates.combine(Updates.setOnInsert("day", key.day().toString()),
                        Updates.setOnInsert("outcome", key.outcome()), Updates.setOnInsert("dimension", key.dimension()),
                        Updates.setOnInsert("value", key.value()), Updates.inc("count", count)),
                new UpdateOptions().upsert(true))));
        try {
            mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                    .block();
        } catch (MongoException | DataAccessException e) {
            // statistics, not state: a round that was published and settled is not failed (and replayed) for its counts
            log.warn("Outcome counts not written, {} counters lost (the store is away?): {}", writes.size(), e.toString());
        }
    }

    @Override
    public Map<String, Object> series(LocalDate from, LocalDate to) {
        List<Document> documents = mongo.getCollection(COLLECTION)
                .flatMapMany(c -> Flux.from(c.find(Filters.and(Filters.gte("_id", from.toString()),
                        Filters.lt("_id", to.plusDays(1).toString())))))
                .collectList().block();
        Map<String, Object> days = new TreeMap<>();
        for (Document d : documents == null ? List.<Document>of() : documents) {
            @SuppressWarnings("unchecked")
            Map<String, Object> day = (Map<String, Object>) days.computeIfAbsent(d.getString("day"), k -> new TreeMap<>());
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = (Map<String, Object>) day.computeIfAbsent(d.getString("outcome"), k -> {
                Map<String, Object> empty = new LinkedHashMap<>();
                empty.put("total", 0L);
                GROUPS.values().stream().sorted().forEach(group -> empty.put(group, new TreeMap<String, Long>()));
                return empty;
            });
            long count = ((Number) d.get("count")).longValue();
            if ("total".equals(d.getString("dimension"))) {
                outcome.put("total", count);
            } else if (GROUPS.containsKey(d.getString("dimension"))) {
                @SuppressWarnings("unchecked")
                Map<String, Long> group = (Map<String, Long>) outcome.get(GROUPS.get(d.getString("dimension")));
                group.put(d.getString("value"), count);
            }
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("from", from.toString());
        series.put("to", to.toString());
        series.put("days", days);
        return series;
    }
}
