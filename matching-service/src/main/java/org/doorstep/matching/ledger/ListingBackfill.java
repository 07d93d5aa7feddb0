package org.doorstep.matching.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes the per-posting and per-seeker listings for the pairs a ledger recorded before it kept them: once,
 * at the first start of this version, recorded by a marker document. The one scan of the ledger it makes
 * (the only filter on it that is not a key, besides the operator's statistics) is not repeated; several
 * instances starting at once write the same listings, which changes nothing.
 */
final class ListingBackfill {

    static final String MARKER = "ledger:listings-v1";
    private static final int PAGE = 1_000;

    private ListingBackfill() {
    }

    static void ensure(Mono<MongoCollection<Document>> collection) {
        collection.flatMap(c -> Mono.from(c.find(Filters.eq("_id", MARKER)).first())
                        .hasElement()
                        .flatMap(done -> done ? Mono.<Void>empty() : backfill(c)))
                .block();
    }

    private static Mono<Void> backfill(MongoCollection<Document> c) {
        return Flux.from(c.find().projection(Projections.include("postingId", "seekerId")))
                .filter(d -> d.getString("postingId") != null && d.getString("seekerId") != null)
                .buffer(PAGE)
                .concatMap(page -> Mono.from(c.bulkWrite(listings(page), new BulkWriteOptions().ordered(false))))
                .then(Mono.from(c.updateOne(Filters.eq("_id", MARKER), Updates.set("done", true),
                        new UpdateOptions().upsert(true))))
                .then();
    }

    private static List<WriteModel<Document>> listings(List<Document> pairs) {
        Map<String, Set<String>> seekersOfPosting = new LinkedHashMap<>();
        Map<String, Set<String>> postingsOfSeeker = new LinkedHashMap<>();
        for (Document pair : pairs) {
            seekersOfPosting.computeIfAbsent(pair.getString("postingId"), k -> new LinkedHashSet<>()).add(pair.getString("seekerId"));
            postingsOfSeeker.computeIfAbsent(pair.getString("seekerId"), k -> new LinkedHashSet<>()).add(pair.getString("postingId"));
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        seekersOfPosting.forEach((posting, seekers) -> writes.add(update(MongoMatchLedger.POSTING_LISTING + posting, "seekers", seekers)));
        postingsOfSeeker.forEach((seeker, postings) -> writes.add(update(MongoMatchLedger.SEEKER_LISTING + seeker, "postings", postings)));
        return writes;
    }

    private static WriteModel<Document> update(String id, String field, Set<String> members) {
        return new UpdateOneModel<>(Filters.eq("_id", id), Updates.addEachToSet(field, new ArrayList<>(members)),
                new UpdateOptions().upsert(true));
    }
}
