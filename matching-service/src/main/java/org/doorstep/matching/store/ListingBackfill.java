package org.doorstep.matching.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
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
 * Brings the listings of a ledger written by an earlier version up to this one, once, at the first start of this
 * version, recorded by a marker document: a ledger without listings gets them (for every pair, its posting's
 * listing and its seeker's bucket), and a seeker's single listing ({@code seeker:<id>}) is moved into its buckets
 * ({@link SeekerListings}) and deleted at the revision read. The one scan of the ledger it makes (the only filter
 * on it that is not a key, besides the operator's statistics) is not repeated; several instances starting at once
 * write the same listings, which changes nothing.
 */
final class ListingBackfill {

    /** Listings per posting and per seeker exist (written by the version that introduced them, or by this one). */
    static final String LISTINGS = "ledger:listings-v1";
    /** Seekers' listings are in buckets. */
    static final String BUCKETS = "ledger:listings-v2";
    private static final int PAGE = 1_000;

    private ListingBackfill() {
    }

    static void ensure(Mono<MongoCollection<Document>> collection) {
        collection.flatMap(c -> Flux.from(c.find(Filters.in("_id", List.of(LISTINGS, BUCKETS))))
                        .map(d -> d.getString("_id")).collectList()
                        .flatMap(done -> done.contains(BUCKETS) ? Mono.<Void>empty() : upgrade(c, done.contains(LISTINGS))))
                .block();
    }

    private static Mono<Void> upgrade(MongoCollection<Document> c, boolean listed) {
        return Flux.from(c.find().projection(Projections.include("postingId", "seekerId", "bucket", "revision",
                        SeekerListings.POSTINGS)))
                .buffer(PAGE)
                .concatMap(page -> {
                    List<WriteModel<Document>> writes = writes(page, listed);
                    return writes.isEmpty() ? Mono.empty()
                            : Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(true)));
                })
                .then(Mono.from(c.bulkWrite(List.of(marker(LISTINGS), marker(BUCKETS)))))
                .then();
    }

    private static List<WriteModel<Document>> writes(List<Document> page, boolean listed) {
        Map<String, Set<String>> seekersOfPosting = new LinkedHashMap<>();
        Map<String, Set<String>> postingsOfSeeker = new LinkedHashMap<>();
        List<WriteModel<Document>> deletes = new ArrayList<>();
        for (Document d : page) {
            String id = d.get("_id") instanceof String s ? s : "";
            String posting = d.getString("postingId");
            String seeker = d.getString("seekerId");
            if (!listed && posting != null && seeker != null) {
                seekersOfPosting.computeIfAbsent(posting, k -> new LinkedHashSet<>()).add(seeker);
                postingsOfSeeker.computeIfAbsent(seeker, k -> new LinkedHashSet<>()).add(posting);
            } else if (id.startsWith(SeekerListings.PREFIX) && !d.containsKey("bucket")) {
                String unbucketed = id.substring(SeekerListings.PREFIX.length());
                postingsOfSeeker.computeIfAbsent(unbucketed, k -> new LinkedHashSet<>())
                        .addAll(d.getList(SeekerListings.POSTINGS, String.class, List.of()));
                deletes.add(new DeleteOneModel<>(MongoMatchLedger.atRevision(id,
                        ((Number) d.getOrDefault("revision", 0)).intValue())));
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        seekersOfPosting.forEach((posting, seekers) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", MongoMatchLedger.POSTING_LISTING + posting),
                Updates.addEachToSet("seekers", new ArrayList<>(seekers)), new UpdateOptions().upsert(true))));
        // the buckets before the single listings they replace are deleted
        writes.addAll(SeekerListings.additions(postingsOfSeeker));
        writes.addAll(deletes);
        return writes;
    }

    private static WriteModel<Document> marker(String id) {
        return new UpdateOneModel<>(Filters.eq("_id", id), Updates.set("done", true), new UpdateOptions().upsert(true));
    }
}
