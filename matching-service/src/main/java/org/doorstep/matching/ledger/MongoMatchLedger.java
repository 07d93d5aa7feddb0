package org.doorstep.matching.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The match ledger in MongoDB (database {@code matching}, collection {@code matches}): one document per
 * pair keyed by matchId, and one listing document per posting ({@code posting:<id>}, its seekers) and per
 * seeker ({@code seeker:<id>}, its postings), so that a posting's or a seeker's pairs are read by
 * {@code _id}, never searched for.
 * <p>
 * Every filter is keyed: {@code {_id}}, {@code {_id: {$in}}}, or exactly {@code {_id, revision}}, the keys
 * of a unique index (the MongoDB-wire server uses an index only for such filters and scans the collection
 * under its lock for anything else; a MongoDB replica set answers them from the {@code _id} index). A
 * claim at an expected revision is an upsert filtered on {@code {_id, revision}}: it updates the pair if
 * it is still at that revision, and otherwise fails on the duplicate {@code _id}, which the bulk write
 * reports for that claim alone. Called from Kafka listener threads, which may block.
 */
@Component
class MongoMatchLedger implements MatchLedger {

    static final String COLLECTION = "matches";
    static final String POSTING_LISTING = "posting:";
    static final String SEEKER_LISTING = "seeker:";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final ReactiveMongoTemplate mongo;

    MongoMatchLedger(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
        // _id is unique already; the index makes {_id, revision} a key the MongoDB-wire server looks up
        collection().flatMap(c -> Mono.from(c.createIndex(Indexes.ascending("_id", "revision"),
                new IndexOptions().unique(true).name("pair_revision")))).block();
        ListingBackfill.ensure(collection());
    }

    @Override
    public List<LedgerEntry> forPosting(String postingId, Collection<String> seekerIds) {
        return pairsOf(POSTING_LISTING + postingId, "seekers", seekerIds, s -> MatchId.of(postingId, s),
                s -> LedgerEntry.erased(MatchId.of(postingId, s), s, postingId), s -> true);
    }

    @Override
    public List<LedgerEntry> forSeeker(String seekerId, Collection<String> postingIds, Predicate<String> alsoRead) {
        return pairsOf(SEEKER_LISTING + seekerId, "postings", postingIds, p -> MatchId.of(p, seekerId),
                p -> LedgerEntry.erased(MatchId.of(p, seekerId), seekerId, p), alsoRead);
    }

    /**
     * One read for the listing, the given pairs and their tombstones (a pair forgotten on its seeker's
     * erasure comes back as {@code erased}, after any entry recorded for it since); a second only for listed
     * pairs not among them.
     */
    private List<LedgerEntry> pairsOf(String listingId, String field, Collection<String> others,
                                      Function<String, String> matchId, Function<String, LedgerEntry> erased,
                                      Predicate<String> alsoRead) {
        List<Object> ids = new ArrayList<>(others.size() * 2 + 1);
        ids.add(listingId);
        Map<String, String> tombstones = new HashMap<>();
        for (String other : others) {
            String id = matchId.apply(other);
            ids.add(id);
            String tombstone = MatchId.anonymous(id);
            ids.add(tombstone);
            tombstones.put(tombstone, other);
        }
        List<LedgerEntry> entries = new ArrayList<>();
        List<LedgerEntry> erasedEntries = new ArrayList<>();
        List<String> listed = List.of();
        for (Document d : byIds(ids)) {
            Object id = d.get("_id");
            if (listingId.equals(id)) {
                listed = strings(d.get(field));
            } else if (tombstones.containsKey(id)) {
                erasedEntries.add(erased.apply(tombstones.get(id)));
            } else {
                entries.add(toEntry(d));
            }
        }
        entries.addAll(erasedEntries);
        Set<String> given = Set.copyOf(others);
        List<Object> more = new ArrayList<>();
        for (String other : listed) {
            if (!given.contains(other) && alsoRead.test(other)) {
                more.add(matchId.apply(other));
            }
        }
        if (!more.isEmpty()) {
            byIds(more).forEach(d -> entries.add(toEntry(d)));
        }
        return entries;
    }

    @Override
    public Optional<LedgerEntry> find(String matchId) {
        String tombstone = MatchId.anonymous(matchId);
        LedgerEntry found = null;
        for (Document d : byIds(List.of(matchId, tombstone))) {
            if (tombstone.equals(d.get("_id"))) {
                return Optional.of(LedgerEntry.erased(matchId, null, null));
            }
            found = toEntry(d);
        }
        return Optional.ofNullable(found);
    }

    @Override
    public Set<String> claim(List<Claim> claims) {
        Set<String> claimed = new LinkedHashSet<>();
        if (claims.isEmpty()) {
            return claimed;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(claims.size() * 2 + 1);
        for (Claim claim : claims) {
            claimed.add(claim.next().matchId());
            Document document = toDocument(claim.next());
            if (claim.expectedRevision() == 0) {
                writes.add(new InsertOneModel<>(document));
            } else {
                document.remove("_id");
                writes.add(new UpdateOneModel<>(atRevision(claim.next().matchId(), claim.expectedRevision()),
                        new Document("$set", document), new UpdateOptions().upsert(true)));
            }
        }
        // the listings, one update per posting and per seeker; re-adding a listed pair changes nothing
        Map<String, Set<String>> seekersOfPosting = new LinkedHashMap<>();
        Map<String, Set<String>> postingsOfSeeker = new LinkedHashMap<>();
        for (Claim claim : claims) {
            LedgerEntry e = claim.next();
            seekersOfPosting.computeIfAbsent(e.postingId(), k -> new LinkedHashSet<>()).add(e.seekerId());
            postingsOfSeeker.computeIfAbsent(e.seekerId(), k -> new LinkedHashSet<>()).add(e.postingId());
        }
        seekersOfPosting.forEach((posting, seekers) -> writes.add(listing(POSTING_LISTING + posting, "seekers", seekers)));
        // a seeker's listing counts its changes, so that an erasure deletes it only if nothing was added since
        postingsOfSeeker.forEach((seeker, postings) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", SEEKER_LISTING + seeker),
                Updates.combine(Updates.addEachToSet("postings", new ArrayList<>(postings)), Updates.inc("revision", 1)),
                new UpdateOptions().upsert(true))));
        try {
            bulkWrite(writes);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY || error.getIndex() >= claims.size()) {
                    throw e;
                }
                claimed.remove(claims.get(error.getIndex()).next().matchId());
            }
        }
        return claimed;
    }

    @Override
    public void settle(Map<String, Integer> published, List<LedgerEntry> withdrawn, Instant at) {
        List<WriteModel<Document>> writes = new ArrayList<>(published.size() + withdrawn.size());
        published.forEach((matchId, revision) ->
                writes.add(new UpdateOneModel<>(atRevision(matchId, revision), Updates.set("published", true))));
        for (LedgerEntry entry : withdrawn) {
            writes.add(new UpdateOneModel<>(atRevision(entry.matchId(), entry.revision()), Updates.combine(
                    Updates.set("status", LedgerEntry.Status.WITHDRAWN.name()), Updates.set("updatedAt", Date.from(at)))));
        }
        if (!writes.isEmpty()) {
            bulkWrite(writes);
        }
    }

    @Override
    public void dismiss(String matchId, String seekerId, String postingId, Instant at) {
        collection().flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", matchId), Updates.combine(
                        Updates.set("status", LedgerEntry.Status.DISMISSED.name()),
                        Updates.set("updatedAt", Date.from(at)),
                        Updates.inc("revision", 1),
                        Updates.setOnInsert("seekerId", seekerId),
                        Updates.setOnInsert("postingId", postingId),
                        Updates.setOnInsert("score", 0.0),
                        Updates.setOnInsert("published", true)),
                new UpdateOptions().upsert(true))))
                .block();
    }

    /**
     * In order, so that an erasure interrupted part way is finished by its redelivery: the tombstones, then
     * the pairs deleted, then the seeker out of the postings' listings; last the seeker's own listing.
     */
    @Override
    public void forget(String seekerId, Collection<LedgerEntry> pairs) {
        List<WriteModel<Document>> writes = new ArrayList<>(pairs.size() * 3);
        Set<String> postings = new LinkedHashSet<>();
        for (LedgerEntry pair : pairs) {
            postings.add(pair.postingId());
            if (pair.status() != LedgerEntry.Status.ERASED) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", MatchId.anonymous(pair.matchId())),
                        Updates.setOnInsert("erased", true), new UpdateOptions().upsert(true)));
            }
        }
        for (LedgerEntry pair : pairs) {
            if (pair.status() != LedgerEntry.Status.ERASED) {
                writes.add(new DeleteOneModel<>(Filters.eq("_id", pair.matchId())));
            }
        }
        for (String posting : postings) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", POSTING_LISTING + posting), Updates.pull("seekers", seekerId)));
        }
        if (!writes.isEmpty()) {
            collection().flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(true)))).block();
        }
        forgetListing(seekerId, postings);
    }

    /**
     * Takes the forgotten postings out of the seeker's listing, and the listed postings whose pair is gone
     * (forgotten by an erasure interrupted before this step); deletes the listing once it is empty, at the
     * revision read, so that a pair recorded meanwhile keeps it.
     */
    private void forgetListing(String seekerId, Set<String> postings) {
        String listingId = SEEKER_LISTING + seekerId;
        Document listing = pullFromListing(listingId, postings);
        if (listing == null) {
            return;
        }
        List<String> left = strings(listing.get("postings"));
        if (!left.isEmpty()) {
            Set<String> gone = new LinkedHashSet<>(left);
            for (Document pair : byIds(new ArrayList<Object>(left.stream().map(p -> MatchId.of(p, seekerId)).toList()))) {
                gone.remove(pair.getString("postingId"));
            }
            if (gone.isEmpty()) {
                return;
            }
            listing = pullFromListing(listingId, gone);
            if (listing == null || !strings(listing.get("postings")).isEmpty()) {
                return;
            }
        }
        Object revision = listing.get("revision");
        collection().flatMap(c -> Mono.from(c.deleteOne(atRevision(listingId, ((Number) revision).intValue())))).block();
    }

    private Document pullFromListing(String listingId, Set<String> postings) {
        return collection().flatMap(c -> Mono.from(c.findOneAndUpdate(Filters.eq("_id", listingId),
                        Updates.combine(Updates.pullAll("postings", new ArrayList<>(postings)), Updates.inc("revision", 1)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))).block();
    }

    /**
     * The operator's statistics: a scan of the active pairs, on request only (never on the event path).
     */
    @Override
    public Map<String, Map<String, Long>> activeCounts() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("byCampaign", new LinkedHashMap<>());
        counts.put("byKeyGroup", new LinkedHashMap<>());
        counts.put("byRegion", new LinkedHashMap<>());
        List<Document> documents = collection()
                .flatMapMany(c -> Flux.from(c.find(Filters.eq("status", LedgerEntry.Status.ACTIVE.name()))
                        .projection(new Document("campaignCodes", 1).append("keyGroups", 1).append("regionCode", 1))))
                .collectList().block();
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

    /** Exactly the keys of the unique index: a plain document, since {@code Filters.and} would render {@code $and}. */
    private static Bson atRevision(String id, int revision) {
        return new Document("_id", id).append("revision", revision);
    }

    private static WriteModel<Document> listing(String listingId, String field, Set<String> members) {
        return new UpdateOneModel<>(Filters.eq("_id", listingId),
                Updates.addEachToSet(field, new ArrayList<>(members)), new UpdateOptions().upsert(true));
    }

    private List<Document> byIds(List<Object> ids) {
        List<Document> documents = collection()
                .flatMapMany(c -> Flux.from(c.find(Filters.in("_id", ids))))
                .collectList().block();
        return documents == null ? List.of() : documents;
    }

    private void bulkWrite(List<WriteModel<Document>> writes) {
        collection().flatMap(c -> Mono.from(c.bulkWrite(writes, UNORDERED))).block();
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION);
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
