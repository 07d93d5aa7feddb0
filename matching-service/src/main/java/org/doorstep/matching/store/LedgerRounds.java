package org.doorstep.matching.store;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

/**
 * Which recorded revisions went out. Each ledger (one per process start) numbers its rounds and keeps one document
 * for them, {@code round:<random id>}: {@code seq}, the highest round it opened, and {@code open}, the rounds it
 * opened and has not settled. A pair claimed, withdrawn or told again in a round carries the round
 * ({@code round}: that document's id, {@code roundSeq}: its number); it is published once its round's document shows
 * {@code seq >= roundSeq} and {@code roundSeq} not open. Opening writes both fields of the document in one update,
 * settling pulls the number in one more; a missing document or a lower {@code seq} reads as not published. So a
 * round write that is lost or comes late can make an event go out twice (same id), never not at all, and
 * settling a round is one small update however many pairs it told.
 * <p>
 * Knowledge of other ledgers' rounds (other instances, earlier starts) is kept once read: a round seen settled
 * stays settled, so only pairs of rounds not yet seen settled make a read.
 */
final class LedgerRounds {

    static final String PREFIX = "round:";

    private final String id = PREFIX + UUID.randomUUID();
    private final Set<Long> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Seen> others = new ConcurrentHashMap<>();
    private long sequence;

    /** A round document as last read. */
    private record Seen(long seq, Collection<?> open) {
        boolean settled(long round) {
            return round <= seq && !open.contains(round);
        }
    }

    /** The next round, open until {@link #settled}. */
    synchronized long next() {
        long round = ++sequence;
        open.add(round);
        return round;
    }

    /** The write that opens the round; first in its claim's bulk write. */
    WriteModel<Document> opening(long round) {
        return new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.combine(Updates.max("seq", round), Updates.addToSet("open", round)),
                new UpdateOptions().upsert(true));
    }

    /** The write that settles the round (and raises {@code seq}, should its opening have been lost). */
    WriteModel<Document> settling(long round) {
        return new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.combine(Updates.pull("open", round), Updates.max("seq", round)),
                new UpdateOptions().upsert(true));
    }

    void settled(long round) {
        open.remove(round);
    }

    /** The fields a pair written in this round carries. */
    Document stamp(long round) {
        return new Document("round", id).append("roundSeq", round);
    }

    /**
     * Whether the pair's recorded revision (or withdrawal) went out: a pair written before rounds carries
     * {@code published}; null when only its round's document can tell.
     */
    Boolean published(Document pair) {
        Object round = pair.get("round");
        if (round == null) {
            return Boolean.TRUE.equals(pair.getBoolean("published"));
        }
        long number = ((Number) pair.get("roundSeq")).longValue();
        if (id.equals(round)) {
            return !open.contains(number);
        }
        Seen seen = others.get(round);
        return seen != null && seen.settled(number) ? Boolean.TRUE : null;
    }

    /** The round documents to read before these pairs can be told published or not. */
    Set<String> toRead(Collection<Document> pairs) {
        Set<String> ids = new LinkedHashSet<>();
        for (Document pair : pairs) {
            if (published(pair) == null) {
                ids.add(pair.getString("round"));
            }
        }
        return ids;
    }

    /** Round documents just read. */
    void learn(List<Document> rounds) {
        for (Document round : rounds) {
            Object seq = round.get("seq");
            others.put(round.getString("_id"), new Seen(seq instanceof Number n ? n.longValue() : 0,
                    List.copyOf(round.getList("open", Object.class, List.of()).stream().map(LedgerRounds::number).toList())));
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
