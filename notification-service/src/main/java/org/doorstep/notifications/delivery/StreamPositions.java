package org.doorstep.notifications.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where feed sequences come from, without a counter per seeker. A seeker's match records all live on
 * one partition of doorstep.matches.v1, in order, so the event a record produces takes the record's
 * offset (plus one) shifted left by {@value #JOB_BITS} bits: strictly increasing per seeker, and the same number
 * again when the record is redelivered (so the repeat is a duplicate key). Events the jobs produce
 * (quiet hours over, digests) take the next numbers after the last record this instance processed on
 * that partition: above everything the seeker saw, below the next record's number. Only the owner of a
 * partition runs its jobs, under the partition's lock, once it has processed everything that was in the
 * partition when it was assigned (so no redelivered record can get a lower number than a job event
 * already shown). The job numbers reserved are kept per partition ({@link PositionStore}) so that a
 * restart never issues one twice.
 */
@Component
public class StreamPositions {

    public static final int JOB_BITS = 20;
    private static final Logger log = LoggerFactory.getLogger(StreamPositions.class);

    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();
    private final PositionStore store;
    private final DueDeliveries due;

    StreamPositions(PositionStore store, DueDeliveries due) {
        this.store = store;
        this.due = due;
    }

    /** The sequence of the event a record produces: never 0, which is what a client without Last-Event-ID has seen. */
    public static long ofRecord(long offset) {
        return (offset + 1) << JOB_BITS;
    }

    /**
     * The partition is now this instance's: {@code position} is the next offset it will read,
     * {@code end} the partition's end when assigned. Called on the consumer thread.
     */
    public void assigned(int partition, long position, long end) {
        Partition state = new Partition(position - 1, end - 1, store.jobSequence(partition));
        partitions.put(partition, state);
        due.load(partition);
        log.info("matches partition {} assigned at offset {} (end {})", partition, position, end);
    }

    public void revoked(Collection<Integer> revoked) {
        revoked.forEach(partition -> {
            partitions.remove(partition);
            due.drop(partition);
        });
    }

    public List<Integer> owned() {
        return partitions.keySet().stream().sorted().toList();
    }

    /** Runs the work holding the locks of these partitions (taken in order, so never a deadlock). */
    <T> T locked(Collection<Integer> of, Supplier<T> work) {
        List<ReentrantLock> locks = of.stream().distinct().sorted().map(p -> partition(p).lock).toList();
        locks.forEach(ReentrantLock::lock);
        try {
            return work.get();
        } finally {
            locks.reversed().forEach(ReentrantLock::unlock);
        }
    }

    /** The batch's records up to {@code offset} are stored. Call holding the partition's lock. */
    void processed(int partition, long offset) {
        Partition state = partition(partition);
        state.lastOffset = Math.max(state.lastOffset, offset);
    }

    /** Whether jobs may issue sequences on the partition now. Call holding the partition's lock. */
    boolean jobsMayRun(int partition) {
        Partition state = partitions.get(partition);
        return state != null && state.lastOffset >= state.readyAt;
    }

    /**
     * Reserves {@code count} job sequences on the partition (stored before use), or none when the
     * partition is not ready or the room below the next record is used up. Call holding the lock.
     */
    OptionalLong reserveJobSequences(int partition, int count) {
        Partition state = partitions.get(partition);
        if (state == null || state.lastOffset < state.readyAt || count == 0) {
            return OptionalLong.empty();
        }
        long first = Math.max(ofRecord(state.lastOffset), state.jobSequence) + 1;
        long last = first + count - 1;
        if (last >= ofRecord(state.lastOffset + 1)) {
            log.warn("partition {}: no job sequences left below the next record; waiting for it", partition);
            return OptionalLong.empty();
        }
        store.reserve(partition, last);
        state.jobSequence = last;
        return OptionalLong.of(first);
    }

    private Partition partition(int partition) {
        // a batch for a partition whose assignment was not reported (cannot happen with the binder's listener): treat it as ready after it
        return partitions.computeIfAbsent(partition, p -> new Partition(-1, -1, store.jobSequence(p)));
    }

    private static final class Partition {
        private final ReentrantLock lock = new ReentrantLock();
        private volatile long lastOffset;
        private final long readyAt;
        private volatile long jobSequence;

        Partition(long lastOffset, long readyAt, long jobSequence) {
            this.lastOffset = lastOffset;
            this.readyAt = readyAt;
            this.jobSequence = jobSequence;
        }
    }
}
