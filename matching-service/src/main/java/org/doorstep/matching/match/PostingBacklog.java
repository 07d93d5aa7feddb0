package org.doorstep.matching.match;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The posting changes read from the topic and not judged yet, so that a backlog does not starve what arrives after
 * it. Each posting waits once, with its last change (a change read while an earlier one waits replaces it and takes
 * the newest place). A step takes at most {@link #STEP} postings: while no more wait, all of them in the order read;
 * behind a backlog, the newest three quarters of a step first (newest first) and the oldest quarter after them. So a posting
 * published now is judged in the next step however long the backlog is (and, being first in its step, in the step's
 * first round), and the backlog still drains at a quarter of the pace while new postings come as fast as they can be
 * judged. A step is as large as a poll was, so judging behind a backlog batches as much as before. Thread-safe: the
 * consumer adds, the judge takes.
 */
public final class PostingBacklog {

    /** Postings a step takes at most: a poll's worth ({@code max.poll.records} of the postings binding). */
    public static final int STEP = 100;
    /** Of a step behind a backlog, how many of the oldest changes it takes (the rest are the newest). */
    static final int OLDEST_PER_STEP = STEP / 4;

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
     * The next step's changes, taken out of the backlog: while no more than a step waits, all in the order read;
     * behind a backlog, the newest from the newest on, then the oldest in the order read. Waits up to {@code wait} for
     * one, and is empty when none came.
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
        List<Waiting> step = new ArrayList<>(STEP);
        for (int i = OLDEST_PER_STEP; i < STEP; i++) {
            step.add(waiting.pollLastEntry().getValue());
        }
        for (int i = 0; i < OLDEST_PER_STEP; i++) {
            step.add(waiting.pollFirstEntry().getValue());
        }
        return step;
    }

    /**
     * Puts back a step that could not be judged, each change where it stood by the time its record was written (so the
     * newest still go first when the store or the broker is back), but for the postings read again meanwhile: their
     * later change counts.
     */
    public synchronized void putBack(List<Waiting> step) {
        List<Waiting> all = new ArrayList<>(waiting.sequencedValues());
        step.stream().filter(change -> !waiting.containsKey(change.postingId())).forEach(all::add);
        all.sort(Comparator.comparing(Waiting::written));
        waiting.clear();
        all.forEach(change -> waiting.put(change.postingId(), change));
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
