package org.doorstep.matching.bench;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The benchmark's baseline: the ledger's posting-trigger writes as they were before issue 12 (main at 1b412e7),
 * behind today's interface. A claim writes each pair with {@code published: false}, the posting's listing and one
 * whole single listing per matched seeker ({@code seeker:<id>}); the settle marks every told pair
 * {@code published: true} and records every withdrawal, one update per pair. Only what a posting's trigger uses.
 */
final class PerMatchLedger implements MatchLedger {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final ReactiveMongoTemplate mongo;
    private final AtomicLong rounds = new AtomicLong();
    private final Map<Long, Settlement> pending = new HashMap<>();

    /** What the old settle wrote: the revisions told and the withdrawals. */
    private record Settlement(Map<String, Integer> published, List<Withdrawal> withdrawals) {
    }

    PerMatchLedger(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
        collection().flatMap(c -> Mono.from(c.createIndex(Indexes.ascending("_id", "revision"),
                new IndexOptions().unique(true).name("pair_revision")))).block();
    }

    /** The rounds of the benchmark stay under any limit: it reads every posting's pairs, one posting at a time. */
    @Override
    public Optional<Map<String, List<LedgerEntry>>> forPostings(Map<String, ? extends Collection<String>> seekersOfPostings,
                                                                int limit) {
        Map<String, List<LedgerEntry>> entries = new LinkedHashMap<>();
        seekersOfPostings.forEach((postingId, seekerIds) -> entries.put(postingId, forOne(postingId, seekerIds)));
        return Optional.of(entries);
    }

    private List<LedgerEntry> forOne(String postingId, Collection<String> seekerIds) {
        String listingId = "posting:" + postingId;
        List<Object> ids = new ArrayList<>(seekerIds.size() * 2 + 1);
        ids.add(listingId);
        for (String seeker : seekerIds) {
            String id = MatchId.of(postingId, seeker);
            ids.add(id);
            ids.add(MatchId.anonymous(id));
        }
        List<LedgerEntry> entries = new ArrayList<>();
        List<String> listed = List.of();
        for (Document d : byIds(ids)) {
            Object id = d.get("_id");
            if (listingId.equals(id)) {
                listed = d.getList("seekers", String.class, List.of());
            } else if (d.containsKey("status")) {
                entries.add(toEntry(d));
            }
        }
        Set<String> given = Set.copyOf(seekerIds);
        List<Object> more = new ArrayList<>();
        for (String seeker : listed) {
            if (!given.contains(seeker)) {
                more.add(MatchId.of(postingId, seeker));
            }
        }
        if (!more.isEmpty()) {
            byIds(more).forEach(d -> entries.add(toEntry(d)));
        }
        return entries;
    }

    @Override
    public Claimed claim(List<Claim> claims, List<Withdrawal> withdrawals, List<LedgerEntry> retold) {
        long round = rounds.incrementAndGet();
        Set<String> claimed = new LinkedHashSet<>();
        Map<String, Integer> published = new LinkedHashMap<>();
        retold.forEach(e -> published.put(e.matchId(), e.revision()));
        if (!claims.isEmpty()) {
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
            Map<String, Set<String>> seekersOfPosting = new LinkedHashMap<>();
            Map<String, Set<String>> postingsOfSeeker = new LinkedHashMap<>();
            for (Claim claim : claims) {
                LedgerEntry e = claim.next();
                seekersOfPosting.computeIfAbsent(e.postingId(), k -> new LinkedHashSet<>()).add(e.seekerId());
                postingsOfSeeker.computeIfAbsent(e.seekerId(), k -> new LinkedHashSet<>()).add(e.postingId());
            }
            seekersOfPosting.forEach((posting, seekers) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", "posting:" + posting),
                    Updates.addEachToSet("seekers", new ArrayList<>(seekers)), new UpdateOptions().upsert(true))));
            postingsOfSeeker.forEach((seeker, postings) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", "seeker:" + seeker),
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
        }
        for (Claim claim : claims) {
            if (claimed.contains(claim.next().matchId())) {
                published.put(claim.next().matchId(), claim.next().revision());
            }
        }
        pending.put(round, new Settlement(published, withdrawals));
        return new Claimed(round, claimed);
    }

    @Override
    public void regroup(Map<String, List<String>> keyGroups) {
        keyGroups.forEach((matchId, groups) -> collection()
                .flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", matchId), Updates.set("keyGroups", groups)))).block());
    }

    @Override
    public void settle(Claimed round) {
        Settlement settlement = pending.remove(round.round());
        List<WriteModel<Document>> writes = new ArrayList<>();
        settlement.published().forEach((matchId, revision) ->
                writes.add(new UpdateOneModel<>(atRevision(matchId, revision), Updates.set("published", true))));
        for (Withdrawal withdrawal : settlement.withdrawals()) {
            writes.add(new UpdateOneModel<>(atRevision(withdrawal.entry().matchId(), withdrawal.entry().revision()),
                    Updates.combine(Updates.set("status", LedgerEntry.Status.WITHDRAWN.name()),
                            Updates.set("updatedAt", Date.from(withdrawal.at())))));
        }
        if (!writes.isEmpty()) {
            bulkWrite(writes);
        }
    }

    @Override
    public List<LedgerEntry> forSeeker(String seekerId, Collection<String> postingIds, Predicate<String> alsoRead) {
        throw new UnsupportedOperationException("benchmark baseline: posting triggers only");
    }

    @Override
    public Optional<LedgerEntry> find(String matchId) {
        throw new UnsupportedOperationException("benchmark baseline: posting triggers only");
    }

    @Override
    public void dismiss(String matchId, String seekerId, String postingId, Instant at) {
        throw new UnsupportedOperationException("benchmark baseline: posting triggers only");
    }

    @Override
    public void forget(String seekerId, Collection<LedgerEntry> pairs) {
        throw new UnsupportedOperationException("benchmark baseline: posting triggers only");
    }

    @Override
    public Map<String, Map<String, Long>> activeCounts() {
        throw new UnsupportedOperationException("benchmark baseline: posting triggers only");
    }

    private static Bson atRevision(String id, int revision) {
        return new Document("_id", id).append("revision", revision);
    }

    private List<Document> byIds(List<Object> ids) {
        List<Document> documents = collection().flatMapMany(c -> Flux.from(c.find(Filters.in("_id", ids)))).collectList().block();
        return documents == null ? List.of() : documents;
    }

    private void bulkWrite(List<WriteModel<Document>> writes) {
        collection().flatMap(c -> Mono.from(c.bulkWrite(writes, UNORDERED))).block();
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection("matches");
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
                d.getList("campaignCodes", String.class, List.of()), d.getList("keyGroups", String.class, List.of()),
                d.getString("regionCode"), updated == null ? Instant.EPOCH : updated.toInstant());
    }
}
