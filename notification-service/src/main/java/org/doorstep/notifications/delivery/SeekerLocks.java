package org.doorstep.notifications.delivery;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Serialises, within this instance, everything that appends to one seeker's feed (consumer threads,
 * the release and digest jobs), so sequence numbers become visible in order. Striped: bounded memory.
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

    void run(String seekerId, Runnable work) {
        with(seekerId, () -> {
            work.run();
            return null;
        });
    }
}
