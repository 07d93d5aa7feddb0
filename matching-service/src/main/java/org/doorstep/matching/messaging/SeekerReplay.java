package org.doorstep.matching.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A start's re-read of the seekers topic, which every instance reads whole to rebuild its index. The records below
 * the offsets this instance's seekers group had committed were judged before the process stopped (the flow judges a
 * record before its offset is committed), so they are only indexed again; the records from there on are judged.
 * Until the index holds every seeker read before ({@link #caughtUp}), the postings judge waits: a posting judged
 * against half an index would miss the seekers indexed later, and those, indexed only, would never be judged
 * against it.
 * <p>
 * Why: a start judged every seeker again, and each judgement reads the seeker's pairs from the ledger. On a platform
 * holding five quick benches' data (10,040 seekers, 632 postings) matching read about 500 seekers a minute after a
 * restart; with 100,000 seekers a rolling deploy would keep the seekers' changes waiting for hours.
 * <p>
 * A partition whose last record before the committed offset was compacted away is never read up to it: when the
 * seekers consumer has read nothing for {@link #QUIET}, the re-read counts as done.
 */
@Component
class SeekerReplay {

    private static final Logger log = LoggerFactory.getLogger(SeekerReplay.class);
    static final Duration QUIET = Duration.ofSeconds(30);
    /** Longest wait for the seekers' partitions at start: judging postings late beats not judging them. */
    static final Duration UNASSIGNED = Duration.ofMinutes(2);

    private final long createdNanos = System.nanoTime();

    private final Map<Integer, Long> judgedBelow = new ConcurrentHashMap<>();
    /** Per partition, the offset of the last record judged before, still to be read again. */
    private final Map<Integer, Long> toRead = new ConcurrentHashMap<>();
    private volatile boolean assigned;
    private volatile boolean done;
    private volatile long lastReadNanos = System.nanoTime();
    private final AtomicLong indexedOnly = new AtomicLong();

    /**
     * The seekers' partitions were assigned at start: the offsets the group had committed (none: 0) and where each
     * partition ended then.
     */
    void assigned(Map<Integer, Long> committed, Map<Integer, Long> ends) {
        judgedBelow.putAll(committed);
        committed.forEach((partition, offset) -> {
            long until = Math.min(offset, ends.getOrDefault(partition, offset));
            if (until > 0) {
                toRead.put(partition, until - 1);
            }
        });
        lastReadNanos = System.nanoTime();
        assigned = true;
        log.info("seekers: re-reading the topic; below offsets {} the seekers were judged before and are indexed only",
                committed);
    }

    /** Whether the record at this partition and offset was judged before the process stopped. */
    boolean judgedBefore(int partition, long offset) {
        Long below = judgedBelow.get(partition);
        return below != null && offset < below;
    }

    /** The flow has handled the record at this partition and offset ({@code judged}: false when indexed only). */
    void read(int partition, long offset, boolean judged) {
        lastReadNanos = System.nanoTime();
        if (!judged) {
            indexedOnly.incrementAndGet();
        }
        if (!toRead.isEmpty()) {
            toRead.computeIfPresent(partition, (p, last) -> offset >= last ? null : last);
        }
    }

    /** True once every seeker judged before is in the index again (the postings judge may start). */
    boolean caughtUp() {
        if (done) {
            return true;
        }
        if (!assigned) {
            if (System.nanoTime() - createdNanos > UNASSIGNED.toNanos()) {
                done = true;
                log.warn("seekers: no partitions assigned within {} s of start; judging postings anyway", UNASSIGNED.toSeconds());
            }
            return done;
        }
        boolean quiet = System.nanoTime() - lastReadNanos > QUIET.toNanos();
        if (toRead.isEmpty() || quiet) {
            done = true;
            log.info("seekers: re-read up to where they were judged before ({} indexed without judging{})", indexedOnly.get(),
                    toRead.isEmpty() ? "" : "; partitions " + toRead.keySet() + " read nothing for " + QUIET.toSeconds() + " s");
        }
        return done;
    }
}
