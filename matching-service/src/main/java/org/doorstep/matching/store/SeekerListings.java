package org.doorstep.matching.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.doorstep.matching.match.MatchId;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

/**
 * A seeker's postings, in {@link #BUCKETS} documents {@code seeker:<id>:<bucket>} chosen by the posting id's
 * hash, all read with one {@code _id $in}: a match rewrites one bucket (about a 32nd of the listing) instead of the
 * whole listing, which the local store journals whole on every change. Each bucket counts its changes
 * ({@code revision}) so that an erasure deletes it only if nothing was added since it read it. The listing of a
 * ledger before buckets ({@code seeker:<id>}, one document) is read and erased along with them until
 * {@link ListingBackfill} has moved it into buckets.
 */
final class SeekerListings {

    static final String PREFIX = "seeker:";
    static final int BUCKETS = 32;
    static final String POSTINGS = "postings";

    private final LedgerCollection ledger;

    SeekerListings(LedgerCollection ledger) {
        this.ledger = ledger;
    }

    /** The single listing of a ledger before buckets. */
    static String unbucketed(String seekerId) {
        return PREFIX + seekerId;
    }

    static int bucketOf(String postingId) {
        return Math.floorMod(postingId.hashCode(), BUCKETS);
    }

    static String bucket(String seekerId, int bucket) {
        return PREFIX + seekerId + ":" + bucket;
    }

    /** Every document that may list the seeker's postings. */
    static List<String> ids(String seekerId) {
        List<String> ids = new ArrayList<>(BUCKETS + 1);
        ids.add(unbucketed(seekerId));
        for (int b = 0; b < BUCKETS; b++) {
            ids.add(bucket(seekerId, b));
        }
        return ids;
    }

    /** One update per bucket that gains postings; re-adding a listed posting changes nothing but the count. */
    static List<WriteModel<Document>> additions(Map<String, ? extends Collection<String>> postingsOfSeekers) {
        Map<String, Set<String>> byBucket = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        postingsOfSeekers.forEach((seeker, postings) -> {
            for (String posting : postings) {
                int b = bucketOf(posting);
                String id = bucket(seeker, b);
                byBucket.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(posting);
                numbers.put(id, b);
            }
        });
        List<WriteModel<Document>> writes = new ArrayList<>(byBucket.size());
        byBucket.forEach((id, postings) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.combine(Updates.addEachToSet(POSTINGS, new ArrayList<>(postings)), Updates.inc("revision", 1),
                        Updates.setOnInsert("bucket", numbers.get(id))),
                new UpdateOptions().upsert(true))));
        return writes;
    }

    /** The postings the seeker's listing documents name. */
    static List<String> postings(Collection<Document> listings) {
        List<String> postings = new ArrayList<>();
        for (Document listing : listings) {
            postings.addAll(listing.getList(POSTINGS, String.class, List.of()));
        }
        return postings;
    }

    /**
     * Takes the forgotten postings out of the seeker's listing documents, and the listed postings whose pair is
     * gone (forgotten by an erasure interrupted before this step); deletes each document once it is empty, at the
     * revision read, so that a pair recorded meanwhile keeps it.
     */
    void forget(String seekerId, Set<String> postings) {
        List<String> ids = ids(seekerId);
        pull(seekerId, postings);
        List<Document> listings = ledger.byIds(ids);
        List<String> left = postings(listings);
        if (!left.isEmpty()) {
            Set<String> gone = new LinkedHashSet<>(left);
            for (Document pair : ledger.byIds(left.stream().map(p -> MatchId.of(p, seekerId)).toList())) {
                gone.remove(pair.getString("postingId"));
            }
            if (!gone.isEmpty()) {
                pull(seekerId, gone);
                listings = ledger.byIds(ids);
            }
        }
        List<WriteModel<Document>> deletes = new ArrayList<>();
        for (Document listing : listings) {
            if (listing.getList(POSTINGS, String.class, List.of()).isEmpty()) {
                deletes.add(new DeleteOneModel<>(MongoMatchLedger.atRevision(listing.getString("_id"),
                        ((Number) listing.getOrDefault("revision", 0)).intValue())));
            }
        }
        ledger.write(deletes);
    }

    /** Out of the bucket each posting hashes to, and out of the unbucketed listing. */
    private void pull(String seekerId, Set<String> postings) {
        if (postings.isEmpty()) {
            return;
        }
        Map<String, List<String>> byDocument = new LinkedHashMap<>();
        byDocument.put(unbucketed(seekerId), new ArrayList<>(postings));
        for (String posting : postings) {
            byDocument.computeIfAbsent(bucket(seekerId, bucketOf(posting)), k -> new ArrayList<>()).add(posting);
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byDocument.size());
        byDocument.forEach((id, pulled) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.combine(Updates.pullAll(POSTINGS, pulled), Updates.inc("revision", 1)))));
        ledger.write(writes);
    }
}
