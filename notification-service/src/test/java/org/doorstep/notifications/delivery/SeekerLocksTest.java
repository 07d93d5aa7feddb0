package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A seeker's erasure and the delivery of their matches never run at once; an erasure is not starved by a steady flow
 * of delivery batches that hold most of the stripes, and nothing deadlocks.
 */
class SeekerLocksTest {

    private final SeekerLocks locks = new SeekerLocks();
    /** A thread per task: the common pool may have a single worker on a two-core machine. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** 500 seekers: most of the 512 stripes, so two batches always meet on some. */
    private static List<String> batch(String prefix) {
        return IntStream.range(0, 500).mapToObj(i -> prefix + "-" + i).toList();
    }

    @Test
    void anErasureRunsAloneOnItsSeekerAndADeliveryOfThatSeekerWaitsForIt() throws Exception {
        CountDownLatch erasing = new CountDownLatch(1);
        CountDownLatch finishErasure = new CountDownLatch(1);
        AtomicBoolean erased = new AtomicBoolean();
        CompletableFuture<Void> erasure = CompletableFuture.runAsync(() -> locks.run("s-7", () -> {
            erasing.countDown();
            try {
                finishErasure.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            erased.set(true);
        }), threads);
        assertThat(erasing.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean sawErased = new AtomicBoolean();
        CompletableFuture<Boolean> delivery = CompletableFuture.supplyAsync(() -> locks.withAll(List.of("s-1", "s-7", "s-9"),
                () -> sawErased.getAndSet(erased.get())), threads);
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> locks.withAll(List.of("other-1"), () -> true), threads);

        await().atMost(Duration.ofSeconds(10)).until(other::isDone); // another seeker's stripe is free
        assertThat(delivery).isNotDone();
        finishErasure.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> erasure.isDone() && delivery.isDone());
        assertThat(sawErased).as("the delivery ran after the erasure").isTrue();
    }

    @Test
    void aSteadyFlowOfDeliveriesNeitherStarvesAnErasureNorDeadlocks() {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger deliveries = new AtomicInteger();
        List<CompletableFuture<Void>> consumers = IntStream.range(0, 3).mapToObj(c -> CompletableFuture.runAsync(() -> {
            int round = 0;
            while (running.get()) {
                // overlapping batches, each holding its stripes while the next batch of another consumer starts
                locks.withAll(batch("c" + c + "-r" + (round++ % 7)), deliveries::incrementAndGet);
            }
        }, threads)).toList();
        AtomicInteger erasures = new AtomicInteger();
        CompletableFuture<Void> erasing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 200; i++) {
                locks.run("c" + (i % 3) + "-r" + (i % 7) + "-" + i, erasures::incrementAndGet);
            }
        }, threads);

        await().atMost(Duration.ofSeconds(30)).until(erasing::isDone);
        running.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> consumers.stream().allMatch(CompletableFuture::isDone));
        assertThat(erasures).hasValue(200);
        assertThat(deliveries.get()).isPositive();
        consumers.forEach(f -> assertThat(f).isCompletedWithValue(null));
    }
}
