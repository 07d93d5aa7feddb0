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
 * the newest place). A step takes at most {@link #STEP} postings: while no more wait, all of them in the order read.
 * Behind a backlog, three quarters of a step are the newest, a partner at a time (each partner's newest, the partner
 * that published last first, then each one's next newest, and so on), and the last quarter the oldest of all. So a
 * posting published now is judged in the next step however long the backlog is, also while another partner's bulk
 * import keeps arriving faster than it can be judged; and the backlog still drains at a quarter of the pace while new
 * postings come as fast as they can be judged. A step is as large as a poll was, so judging behind a backlog batches
 * as much as before. Thread-safe: the consumer adds, the judge takes.
 */
public final class PostingBacklog {

    /** Postings a step takes at most: a poll's worth ({@code max.poll.records} of the postings binding). */
    public static final int STEP = 100;
    /** Of a step behind a backlog, how many of the oldest changes it takes (the rest are the newest). */
    static final int OLDEST_PER_STEP = STEP / 4;

    /**
     * A posting's change waiting, with its partner, the partition it came from and when its record was written. The
     * change is made when the posting's turn comes ({@code change}: reading its skills, title and description takes a
     * millisecond or two, which a change replaced while it waits never needs, and which would otherwise hold up the
     * reading of what comes after it).
     */
    public record Waiting(String postingId, String partnerId, int shard, Instant written, Supplier<PostingChange> change) {

        public Waiting {
            partnerId = partnerId == null ? "" : partnerId;
        }
    }

    /** Every waiting change, in the order read. */
    private final SequencedMap<String, Waiting> waiting = new LinkedHashMap<>();
    /** The same changes by partner, each in the order read; the partner that published last is last. */
    private final SequencedMap<String, SequencedMap<String, Waiting>> byPartner = new LinkedHashMap<>();

    public synchronized void add(Waiting change) {
        remove(change.postingId());
        waiting.putLast(change.postingId(), change);
        SequencedMap<String, Waiting> partner = byPartner.remove(change.partnerId());
        partner = partner == null ? new LinkedHashMap<>() : partner;
        partner.putLast(change.postingId(), change);
        byPartner.putLast(change.partnerId(), partner);
        notifyAll();
    }

    /**
     * The next step's changes, taken out of the backlog: while no more than a step waits, all in the order read;
     * behind a backlog, the newest a partner at a time, then the oldest in the order read. Waits up to {@code wait}
     * for one, and is empty when none came.
     */
    public synchronized List<Waiting> take(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); waiting.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (waiting.size() <= STEP) {
            List<Waiting> all = new ArrayList<>(waiting.sequencedValues());
            waiting.clear();
            byPartner.clear();
            return all;
        }
        List<Waiting> step = new ArrayList<>(STEP);
        List<SequencedMap<String, Waiting>> partners = new ArrayList<>(byPartner.sequencedValues().reversed());
        for (int turn = 0; step.size() < STEP - OLDEST_PER_STEP; turn = (turn + 1) % partners.size()) {
            SequencedMap<String, Waiting> partner = partners.get(turn);
            if (!partner.isEmpty()) {
                Waiting newest = partner.lastEntry().getValue();
                step.add(newest);
                remove(newest.postingId());
            }
        }
        while (step.size() < STEP) {
            Waiting oldest = waiting.firstEntry().getValue();
            step.add(oldest);
            remove(oldest.postingId());
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
        byPartner.clear();
        all.forEach(this::add);
    }

    /** Forgets the changes of partitions this instance no longer owns (their new owner reads them again). */
    public synchronized void release(Collection<Integer> shards) {
        List<String> released = waiting.values().stream().filter(change -> shards.contains(change.shard()))
                .map(Waiting::postingId).toList();
        released.forEach(this::remove);
    }

    public synchronized int size() {
        return waiting.size();
    }

    /** When the oldest waiting change was written; null when none waits. */
    public synchronized Instant oldest() {
        return waiting.isEmpty() ? null : waiting.firstEntry().getValue().written();
    }

    private void remove(String postingId) {
        Waiting gone = waiting.remove(postingId);
        if (gone != null) {
            SequencedMap<String, Waiting> partner = byPartner.get(gone.partnerId());
            partner.remove(postingId);
            if (partner.isEmpty()) {
                byPartner.remove(gone.partnerId());
            }
        }
    }
}
