package org.doorstep.matching.store;

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
import java.util.function.Predicate;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.matching.match.WithdrawalReason;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The match ledger in MongoDB (database {@code matching}, collection {@code matches}): one document per pair keyed
 * by matchId; one listing per posting ({@code posting:<id>}, its seekers) and per seeker, in buckets
 * ({@link SeekerListings}), so that a posting's or a seeker's pairs are read by {@code _id}, never searched for; and
 * one document per ledger for its rounds ({@link LedgerRounds}), which tell whether a pair's recorded revision
 * went out.
 * <p>
 * Every filter is keyed: {@code {_id}}, {@code {_id: {$in}}}, or exactly {@code {_id, revision}}, the keys of a
 * unique index (the MongoDB-wire server uses an index only for such filters and scans the collection under its
 * lock for anything else; a MongoDB replica set answers them from the {@code _id} index). A claim at an expected
 * revision is an upsert filtered on {@code {_id, revision}}: it updates the pair if it is still at that revision,
 * and otherwise fails on the duplicate {@code _id}, which the bulk write reports for that claim alone. Called from
 * Kafka listener threads, which may block.
 */
@Component
class MongoMatchLedger implements MatchLedger {

    static final String COLLECTION = LedgerCollection.NAME;
    static final String POSTING_LISTING = "posting:";

    private final LedgerCollection ledger;
    private final LedgerRounds rounds = new LedgerRounds();
    private final SeekerListings seekerListings;

    MongoMatchLedger(ReactiveMongoTemplate mongo) {
        this.ledger = new LedgerCollection(mongo);
        this.seekerListings = new SeekerListings(ledger);
        // _id is unique already; the index makes {_id, revision} a key the MongoDB-wire server looks up
        ledger.collection().flatMap(c -> Mono.from(c.createIndex(Indexes.ascending("_id", "revision"),
                new IndexOptions().unique(true).name("pair_revision")))).block();
        ListingBackfill.ensure(ledger.collection());
    }

    /** Where the postings found to be the same job as a posting are recorded: {@code _id} job:<postingId>. */
    static final String JOB = "job:";

    @Override
    public Map<String, Set<String>> sameJobs(Collection<String> postingIds) {
        Map<String, Set<String>> links = new HashMap<>();
        for (Document d : ledger.byIds(postingIds.stream().map(id -> JOB + id).toList())) {
            links.put(d.getString("_id").substring(JOB.length()), new LinkedHashSet<>(d.getList("sameJob", String.class, List.of())));
        }
        return links;
    }

    @Override
    public void recordSameJobs(Map<String, Set<String>> links, Collection<String> closed) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        links.forEach((postingId, same) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", JOB + postingId),
                com.mongodb.client.model.Updates.addEachToSet("sameJob", new ArrayList<>(same)), new UpdateOptions().upsert(true))));
        closed.forEach(postingId -> writes.add(new DeleteOneModel<>(Filters.eq("_id", JOB + postingId))));
        ledger.write(writes);
    }

    @Override
    public Optional<Map<String, List<LedgerEntry>>> forPostings(Map<String, ? extends Collection<String>> seekersOfPostings,
                                                                int limit) {
        List<Reading> readings = new ArrayList<>(seekersOfPostings.size());
        seekersOfPostings.forEach((postingId, seekerIds) -> readings.add(new Reading(List.of(POSTING_LISTING + postingId),
                "seekers", seekerIds, s -> MatchId.of(postingId, s), s -> LedgerEntry.erased(MatchId.of(postingId, s), s, postingId),
                s -> true)));
        if (!read(readings, limit)) {
            return Optional.empty();
        }
        Map<String, List<LedgerEntry>> entries = new LinkedHashMap<>();
        int i = 0;
        for (String postingId : seekersOfPostings.keySet()) {
            entries.put(postingId, readings.get(i++).entries());
        }
        return Optional.of(entries);
    }

    @Override
    public List<LedgerEntry> forSeeker(String seekerId, Collection<String> postingIds, Predicate<String> alsoRead) {
        Reading reading = new Reading(SeekerListings.ids(seekerId), SeekerListings.POSTINGS, postingIds,
                p -> MatchId.of(p, seekerId), p -> LedgerEntry.erased(MatchId.of(p, seekerId), seekerId, p), alsoRead);
        read(List.of(reading), Integer.MAX_VALUE);
        return reading.entries();
    }

    /**
     * One read for every reading's listings, given pairs and their tombstones (a pair forgotten on its seeker's
     * erasure comes back as {@code erased}, after any entry recorded for it since); a second only for listed pairs
     * not among them; a third only for the documents of rounds not known settled yet. False, after the first read,
     * when the given and the listed pairs are more than {@code limit}.
     */
    private boolean read(List<Reading> readings, int limit) {
        List<Object> ids = new ArrayList<>();
        readings.forEach(r -> ids.addAll(r.firstIds()));
        Map<Object, Document> found = byId(ledger.byIds(ids));
        List<Object> more = new ArrayList<>();
        readings.forEach(r -> more.addAll(r.moreIds(found)));
        long pairs = more.size();
        for (Reading reading : readings) {
            pairs += reading.others.size();
        }
        if (pairs > limit) {
            return false;
        }
        found.putAll(byId(ledger.byIds(more)));
        Set<String> roundIds = rounds.toRead(found.values().stream().filter(d -> d.containsKey("round")).toList());
        rounds.learn(ledger.byIds(new ArrayList<>(roundIds)));
        readings.forEach(r -> r.collect(found));
        return true;
    }

    /** What one posting's or seeker's read asks for and finds. */
    private final class Reading {
        private final List<String> listingIds;
        private final String field;
        private final Collection<String> others;
        private final java.util.function.Function<String, String> matchId;
        private final java.util.function.Function<String, LedgerEntry> erased;
        private final Predicate<String> alsoRead;
        private final Map<String, String> tombstones = new HashMap<>();
        private final List<String> listed = new ArrayList<>();
        private final List<LedgerEntry> entries = new ArrayList<>();

        Reading(List<String> listingIds, String field, Collection<String> others,
                java.util.function.Function<String, String> matchId,
                java.util.function.Function<String, LedgerEntry> erased, Predicate<String> alsoRead) {
            this.listingIds = listingIds;
            this.field = field;
            this.others = others;
            this.matchId = matchId;
            this.erased = erased;
            this.alsoRead = alsoRead;
        }

        List<Object> firstIds() {
            List<Object> ids = new ArrayList<>(listingIds.size() + others.size() * 2);
            ids.addAll(listingIds);
            for (String other : others) {
                String id = matchId.apply(other);
                ids.add(id);
                String tombstone = MatchId.anonymous(id);
                ids.add(tombstone);
                tombstones.put(tombstone, other);
            }
            return ids;
        }

        List<Object> moreIds(Map<Object, Document> found) {
            Set<String> given = Set.copyOf(others);
            Set<String> listedHere = new LinkedHashSet<>();
            for (String listingId : listingIds) {
                Document listing = found.get(listingId);
                if (listing != null) {
                    listedHere.addAll(listing.getList(field, String.class, List.of()));
                }
            }
            List<Object> more = new ArrayList<>();
            for (String other : listedHere) {
                if (!given.contains(other) && alsoRead.test(other)) {
                    listed.add(other);
                    more.add(matchId.apply(other));
                }
            }
            return more;
        }

        void collect(Map<Object, Document> found) {
            List<LedgerEntry> erasedEntries = new ArrayList<>();
            for (String other : others) {
                Document pair = found.get(matchId.apply(other));
                if (pair != null) {
                    entries.add(toEntry(pair));
                }
            }
            tombstones.forEach((tombstone, other) -> {
                if (found.containsKey(tombstone)) {
                    erasedEntries.add(erased.apply(other));
                }
            });
            for (String other : listed) {
                Document pair = found.get(matchId.apply(other));
                if (pair != null) {
                    entries.add(toEntry(pair));
                }
            }
            entries.addAll(erasedEntries);
        }

        List<LedgerEntry> entries() {
            return entries;
        }
    }

    @Override
    public Optional<LedgerEntry> find(String matchId) {
        String tombstone = MatchId.anonymous(matchId);
        Map<Object, Document> found = byId(ledger.byIds(List.of(matchId, tombstone)));
        if (found.containsKey(tombstone)) {
            return Optional.of(LedgerEntry.erased(matchId, null, null));
        }
        Document pair = found.get(matchId);
        if (pair == null) {
            return Optional.empty();
        }
        rounds.learn(ledger.byIds(new ArrayList<>(rounds.toRead(List.of(pair)))));
        return Optional.of(toEntry(pair));
    }

    @Override
    public Claimed claim(List<Claim> claims, List<Withdrawal> withdrawals, List<LedgerEntry> retold) {
        long round = rounds.next();
        Document stamp = rounds.stamp(round);
        List<WriteModel<Document>> writes = new ArrayList<>(claims.size() * 2 + withdrawals.size() + retold.size() + 2);
        // the claims first: a failed write's index is its claim's index plus one
        writes.add(rounds.opening(round));
        Set<String> claimed = new LinkedHashSet<>();
        for (Claim claim : claims) {
            claimed.add(claim.next().matchId());
            Document document = toDocument(claim.next()).append("round", stamp.get("round")).append("roundSeq", round);
            if (claim.expectedRevision() == 0) {
                writes.add(new InsertOneModel<>(document));
            } else {
                document.remove("_id");
                writes.add(new UpdateOneModel<>(atRevision(claim.next().matchId(), claim.expectedRevision()),
                        new Document("$set", document), new UpdateOptions().upsert(true)));
            }
        }
        for (Withdrawal withdrawal : withdrawals) {
            LedgerEntry entry = withdrawal.entry();
            writes.add(new UpdateOneModel<>(atRevision(entry.matchId(), entry.revision()), new Document("$set",
                    new Document(stamp).append("status", LedgerEntry.Status.WITHDRAWN.name())
                            .append("reason", withdrawal.reason().name())
                            .append("updatedAt", Date.from(withdrawal.at())))));
        }
        for (LedgerEntry entry : retold) {
            writes.add(new UpdateOneModel<>(atRevision(entry.matchId(), entry.revision()), new Document("$set", stamp)));
        }
        // the listings, one update per posting and per seeker's bucket; re-adding a listed pair changes nothing
        Map<String, Set<String>> seekersOfPosting = new LinkedHashMap<>();
        Map<String, Set<String>> postingsOfSeeker = new LinkedHashMap<>();
        for (Claim claim : claims) {
            LedgerEntry e = claim.next();
            seekersOfPosting.computeIfAbsent(e.postingId(), k -> new LinkedHashSet<>()).add(e.seekerId());
            postingsOfSeeker.computeIfAbsent(e.seekerId(), k -> new LinkedHashSet<>()).add(e.postingId());
        }
        seekersOfPosting.forEach((posting, seekers) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", POSTING_LISTING + posting),
                Updates.addEachToSet("seekers", new ArrayList<>(seekers)), new UpdateOptions().upsert(true))));
        writes.addAll(SeekerListings.additions(postingsOfSeeker));
        try {
            ledger.write(writes);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                int claimIndex = error.getIndex() - 1;
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY
                        || claimIndex < 0 || claimIndex >= claims.size()) {
                    throw e;
                }
                claimed.remove(claims.get(claimIndex).next().matchId());
            }
        }
        return new Claimed(round, claimed);
    }

    @Override
    public void regroup(Map<String, List<String>> keyGroups) {
        List<WriteModel<Document>> writes = new ArrayList<>(keyGroups.size());
        keyGroups.forEach((matchId, groups) ->
                writes.add(new UpdateOneModel<>(Filters.eq("_id", matchId), Updates.set("keyGroups", groups))));
        ledger.write(writes);
    }

    @Override
    public void settle(Claimed round) {
        ledger.write(List.of(rounds.settling(round.round())));
        rounds.settled(round.round());
    }

    @Override
    public void dismiss(String matchId, String seekerId, String postingId, Instant at) {
        ledger.collection().flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", matchId), Updates.combine(
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
        ledger.writeInOrder(writes);
        seekerListings.forget(seekerId, postings);
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
        List<Document> documents = ledger.collection()
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
    static Bson atRevision(String id, int revision) {
        return new Document("_id", id).append("revision", revision);
    }

    private static Map<Object, Document> byId(List<Document> documents) {
        Map<Object, Document> byId = new HashMap<>(documents.size() * 2);
        documents.forEach(d -> byId.put(d.get("_id"), d));
        return byId;
    }

    private static Document toDocument(LedgerEntry e) {
        return new Document("_id", e.matchId())
                .append("seekerId", e.seekerId())
                .append("postingId", e.postingId())
                .append("partnerId", e.partnerId())
                .append("revision", e.revision())
                .append("score", e.score())
                .append("status", e.status().name())
                .append("campaignCodes", e.campaignCodes())
                .append("keyGroups", e.keyGroups())
                .append("regionCode", e.regionCode())
                .append("updatedAt", Date.from(e.updatedAt()))
                .append("subject", e.subject() == null ? null : subject(e.subject()));
    }

    private static Document subject(LedgerEntry.Subject subject) {
        List<Integer> occupations = new ArrayList<>(subject.seekerOccupations().length);
        List<Double> weights = new ArrayList<>(occupations.size());
        for (int i = 0; i < subject.seekerOccupations().length; i++) {
            occupations.add(subject.seekerOccupations()[i]);
            weights.add((double) subject.seekerOccupationWeights()[i]);
        }
        return new Document("isco", subject.isco()).append("employer", subject.employer())
                .append("postedAt", subject.postedAt() == null ? null : Date.from(subject.postedAt()))
                .append("seekerOccupations", occupations).append("seekerOccupationWeights", weights)
                .append("shown", subject.shown());
    }

    private static LedgerEntry.Subject subject(Document d) {
        if (d == null) {
            return null;
        }
        List<?> occupations = d.getList("seekerOccupations", Object.class, List.of());
        List<?> weights = d.getList("seekerOccupationWeights", Object.class, List.of());
        int[] isco = new int[occupations.size()];
        float[] confidence = new float[isco.length];
        for (int i = 0; i < isco.length; i++) {
            isco[i] = ((Number) occupations.get(i)).intValue();
            confidence[i] = i < weights.size() ? ((Number) weights.get(i)).floatValue() : 1f;
        }
        Number posting = (Number) d.getOrDefault("isco", 0);
        Date postedAt = d.getDate("postedAt");
        Number shown = (Number) d.getOrDefault("shown", 0);
        return new LedgerEntry.Subject(posting.intValue(), d.getString("employer"),
                postedAt == null ? null : postedAt.toInstant(), isco, confidence, shown.intValue());
    }

    private LedgerEntry toEntry(Document d) {
        Date updated = d.getDate("updatedAt");
        Number revision = (Number) d.getOrDefault("revision", 0);
        Number score = (Number) d.getOrDefault("score", 0.0);
        String reason = d.getString("reason");
        return new LedgerEntry(d.getString("_id"), d.getString("seekerId"), d.getString("postingId"),
                d.getString("partnerId"), revision.intValue(), score.doubleValue(),
                LedgerEntry.Status.valueOf(d.getString("status")), Boolean.TRUE.equals(rounds.published(d)),
                strings(d.get("campaignCodes")), strings(d.get("keyGroups")), d.getString("regionCode"),
                updated == null ? Instant.EPOCH : updated.toInstant(),
                reason == null ? null : WithdrawalReason.valueOf(reason), subject(d.get("subject", Document.class)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
