package org.doorstep.matching.match;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The posting changes read from the topic and not judged yet, so that a backlog does not starve what arrives after
 * it. Each posting waits once, with its last change (a change read while an earlier one waits replaces it and takes
 * the newest place). While no more than a step waits, a step takes everything, in the order read; behind a backlog
 * a step is one round's worth ({@link #ROUND}), three quarters of it the newest changes and a quarter the oldest, so
 * a posting published now is judged within a step or two however long the backlog is, and the backlog still drains
 * at a quarter of the pace when new postings come as fast as they can be judged. Thread-safe: the consumer adds,
 * the judge takes.
 */
public final class PostingBacklog {

    /** Postings a step takes while no more wait than that: a poll's worth, as one round. */
    public static final int STEP = 100;
    /** Postings a step takes behind a backlog: one round of {@link MatchEngine#PAIRS_PER_ROUND} at 200 matches each. */
    static final int ROUND = MatchEngine.PAIRS_PER_ROUND / 200;
    /** Of a step behind a backlog, how many of the oldest changes it takes (the rest are the newest). */
    static final int OLDEST_PER_ROUND = ROUND / 4;

    /**
     * A posting's change waiting, with the partition it came from and when its record was written. The change is
     * made when the posting's turn comes ({@code change}: reading its skills, title and description takes a
     * millisecond or two, which a change replaced while it waits never needs, and which would otherwise hold up the
     * reading of what comes after it).
     */
    public record Waiting(String postingId, int shard, Instant written, Supplier<PostingChange> change) {
    }

    private final SequencedMap<String, Waiting> waiting = new LinkedHashMap<>();

    public synchronized void add(Waiting change) {
        waiting.remove(change.postingId());
        waiting.putLast(change.postingId(), change);
        notifyAll();
    }

    /**
     * The next step's changes, taken out of the backlog, oldest first; waits up to {@code wait} for one, and is empty
     * when none came.
     */
    public synchronized List<Waiting> take(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); waiting.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (waiting.size() <= STEP) {
            List<Waiting> all = new ArrayList<>(waiting.sequencedValues());
            waiting.clear();
            return all;
        }
        List<Waiting> step = new ArrayList<>(ROUND);
        for (int i = 0; i < OLDEST_PER_ROUND; i++) {
            step.add(waiting.pollFirstEntry().getValue());
        }
        List<Waiting> newest = new ArrayList<>(ROUND - OLDEST_PER_ROUND);
        for (int i = OLDEST_PER_ROUND; i < ROUND; i++) {
            newest.addFirst(waiting.pollLastEntry().getValue());
        }
        step.addAll(newest);
        return step;
    }

    /**
     * Puts back a step that could not be judged, before everything else (it goes first when the store or the broker
     * is back), but for the postings read again meanwhile: their later change counts.
     */
    public synchronized void putBack(List<Waiting> step) {
        Map<String, Waiting> later = new LinkedHashMap<>(waiting);
        waiting.clear();
        step.forEach(change -> waiting.put(change.postingId(), change));
        later.forEach((postingId, change) -> {
            waiting.remove(postingId);
            waiting.put(postingId, change);
        });
    }

    /** Forgets the changes of partitions this instance no longer owns (their new owner reads them again). */
    public synchronized void release(Collection<Integer> shards) {
        waiting.values().removeIf(change -> shards.contains(change.shard()));
    }

    public synchronized int size() {
        return waiting.size();
    }

    /** When the oldest waiting change was written; null when none waits. */
    public synchronized Instant oldest() {
        return waiting.isEmpty() ? null : waiting.firstEntry().getValue().written();
    }

}
