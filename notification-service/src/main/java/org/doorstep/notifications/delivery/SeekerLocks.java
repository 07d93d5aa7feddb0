package org.doorstep.notifications.delivery;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Serialises, within this instance, the delivery of a seeker's matches with their erasure (which runs
 * on the preferences consumer). Striped: bounded memory.
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
