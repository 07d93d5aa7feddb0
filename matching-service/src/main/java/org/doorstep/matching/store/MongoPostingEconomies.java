package org.doorstep.matching.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.doorstep.matching.economy.EconomyTag;
import org.doorstep.matching.economy.PostingEconomies;
import org.doorstep.matching.match.LedgerEntry;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code posting_economies}: {@code {_id: postingId, tags: [DIGITAL|GREEN|SILVER], open}}, one per posting, upserted by
 * key as its events are handled (one ordered bulk write per poll: a posting closed after its upsert in the same poll
 * ends closed). The counts are the store's: open postings by tag ({@code count}), and the active
 * pairs of those postings ({@code count} of the ledger's pairs with {@code postingId $in} the tag's open postings, in
 * chunks); only the tagged open postings' ids are read, never a ledger document.
 */
@Component
class MongoPostingEconomies implements PostingEconomies {

    static final String NAME = "posting_economies";

    private final ReactiveMongoTemplate mongo;

    MongoPostingEconomies(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void record(List<Tagged> postings, Collection<String> closed) {
        List<WriteModel<Document>> writes = new ArrayList<>(postings.size() + closed.size());
        for (Tagged posting : postings) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", posting.postingId()),
                    Updates.combine(Updates.set("tags", posting.tags().stream().map(Enum::name).toList()),
                            Updates.set("open", posting.open())),
                    new UpdateOptions().upsert(true)));
        }
        for (String postingId : closed) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", postingId), Updates.set("open", false)));
        }
        if (!writes.isEmpty()) {
            economies().flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(true)))).block();
        }
    }

    @Override
    public Map<EconomyTag, Map<String, Long>> counts() {
        Map<EconomyTag, Map<String, Long>> counts = new EnumMap<>(EconomyTag.class);
        for (EconomyTag tag : EconomyTag.values()) {
            List<Object> postings = economies()
                    .flatMapMany(c -> Flux.from(c.find(Filters.and(Filters.eq("open", true), Filters.eq("tags", tag.name())))
                            .projection(Projections.include("_id"))))
                    .map(d -> d.get("_id")).collectList().block();
            List<Object> ids = postings == null ? List.of() : postings;
            long active = 0;
            for (int from = 0; from < ids.size(); from += LedgerCollection.IDS_PER_QUERY) {
                List<Object> chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + LedgerCollection.IDS_PER_QUERY)));
                Long n = mongo.getCollection(LedgerCollection.NAME)
                        .flatMap(c -> Mono.from(c.countDocuments(Filters.and(
                                Filters.eq("status", LedgerEntry.Status.ACTIVE.name()), Filters.in("postingId", chunk)))))
                        .block();
                active += n == null ? 0 : n;
            }
            Map<String, Long> figures = new LinkedHashMap<>();
            figures.put("openPostings", (long) ids.size());
            figures.put("activeMatches", active);
            counts.put(tag, figures);
        }
        return counts;
    }

    private Mono<MongoCollection<Document>> economies() {
        return mongo.getCollection(NAME);
    }
}
