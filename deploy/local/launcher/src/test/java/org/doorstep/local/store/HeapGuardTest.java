package org.doorstep.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HeapGuardTest {

    /** The guard hears this process's collections: a requested full collection reports the heap's occupancy. */
    @Test
    void learnsTheHeapsOccupancyFromThisProcesssCollections() {
        HeapGuard heap = HeapGuard.watchingThisProcess();
        assertThat(heap.occupancy()).isZero();

        System.gc();

        await().atMost(Duration.ofSeconds(10)).until(() -> heap.occupancy() > 0);
        assertThat(heap.occupancy()).as("a test JVM's heap after a full collection").isLessThan(HeapGuard.FULL);
        assertThat(heap.full()).isFalse();
    }

    @Test
    void isFullOnlyAfterAFullCollectionThatLeftMoreThanNinetyPercentAndClearsBelowEighty() {
        HeapGuard heap = new HeapGuard();
        heap.collected(false, 0.97);
        assertThat(heap.full()).as("a young collection says nothing of the live data").isFalse();
        heap.collected(true, 0.91);
        assertThat(heap.full()).isTrue();
        heap.collected(false, 0.95);
        heap.collected(true, 0.85);
        assertThat(heap.full()).as("between 80% and 90%: as it was").isTrue();
        heap.collected(false, 0.79);
        assertThat(heap.full()).isFalse();
        heap.collected(true, 0.85);
        assertThat(heap.full()).as("between 80% and 90%: as it was").isFalse();
    }
}
