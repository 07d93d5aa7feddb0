package org.doorstep.notifications.delivery;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Serialises, within this instance, the delivery of a seeker's matches with their erasure (which runs
 * on the preferences consumer). Striped: bounded memory.
 * <p>
 * A batch of 500 seekers holds about 300 of the 512 stripes, so the consumers of an instance's partitions in effect
 * deliver one batch at a time (the step {@code locked} against the whole batch shows the wait). Letting deliveries
 * share stripes and erasures take them alone (fair read/write stripes, tried 2026-12-05) delivered no more in
 * {@code DeliveryThroughputBenchmark} on the local store, which applies one write at a time per collection (drain
 * 3,762-4,369 against 4,356-4,698 matches/s, three runs each, alternating) and took 14% more CPU for the same work
 * (94-98 s against 80-86 s): not kept.
 */
@Component
class SeekerLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[512];

    SeekerLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T with(String seekerId, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(seekerId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Holds the stripes of all these seekers (taken in stripe order, so never a deadlock). */
    <T> T withAll(Collection<String> seekerIds, Supplier<T> work) {
        List<ReentrantLock> held = seekerIds.stream().mapToInt(id -> Math.floorMod(id.hashCode(), stripes.length))
                .distinct().sorted().mapToObj(i -> stripes[i]).toList();
        held.forEach(ReentrantLock::lock);
        try {
            return work.get();
        } finally {
            held.reversed().forEach(ReentrantLock::unlock);
        }
    }

    void run(String seekerId, Runnable work) {
        with(seekerId, () -> {
            work.run();
            return null;
        });
    }
}
