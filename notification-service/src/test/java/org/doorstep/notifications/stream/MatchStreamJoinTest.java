package org.doorstep.notifications.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.LiveFeed;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** How a stream joins its replay from the store with the events pushed live, on an in-memory feed. */
class MatchStreamJoinTest {

    private final ConcurrentSkipListMap<Long, FeedEvent> stored = new ConcurrentSkipListMap<>();
    private final AtomicInteger storeReads = new AtomicInteger();
    private final LiveFeed live = new LiveFeed(3);
    private Runnable duringRead = () -> { };
    private final Feed feed = new Feed() {
        @Override
        public Mono<Void> appendAll(List<FeedEvent> events, List<InboxItem> newItems) {
            events.forEach(event -> stored.put(event.sequence(), event));
            return Mono.empty();
        }

        @Override
        public Flux<FeedEvent> after(String seekerId, long sequence) {
            storeReads.incrementAndGet();
            List<FeedEvent> snapshot = List.copyOf(stored.tailMap(sequence, false).values());
            duringRead.run();
            return Flux.fromIterable(snapshot);
        }

        @Override
        public Mono<Map<FeedEvent.Key, FeedEvent>> stored(Collection<FeedEvent.Key> keys) {
            return Mono.just(Map.of());
        }

        @Override
        public Mono<Map<FeedEvent.Key, FeedEvent>> find(Collection<FeedEvent.Key> keys) {
            return Mono.just(Map.of());
        }

        @Override
        public Mono<Void> purge(String seekerId) {
            return Mono.empty();
        }

        @Override
        public Mono<Long> expire(Instant now) {
            return Mono.just(0L);
        }
    };
    private final MatchStream stream = new MatchStream(feed, live);

    private static FeedEvent event(long sequence) {
        return new FeedEvent("s", sequence, "match.found", "m" + sequence, "{}", Instant.now());
    }

    /** What the consumer does: store, then push. */
    private void deliver(long sequence) {
        feed.appendAll(List.of(event(sequence)), List.of());
        live.publish(List.of(event(sequence)));
    }

    @Test
    void replaysWhatFollowsTheLastEventIdThenContinuesLiveWithoutRepeatingAnything() {
        deliver(1);
        deliver(2);
        deliver(3);
        // stored while the replay is read: it comes once, through the listener, after the replay
        duringRead = () -> deliver(4);
        StepVerifier.create(stream.follow("s", 1).map(FeedEvent::sequence))
                .expectNext(2L, 3L, 4L)
                .then(() -> deliver(5))
                .expectNext(5L)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(storeReads).hasValue(1);
        assertThat(live.openStreams()).isZero();
    }

    @Test
    void anEventArrivingTwiceFromTwoPathsIsSentOnce() {
        StepVerifier.create(stream.follow("s", 0).map(FeedEvent::sequence))
                .then(() -> deliver(7))
                .expectNext(7L)
                // the copy from the broadcast topic
                .then(() -> live.publish(List.of(event(7))))
                .then(() -> deliver(8))
                .expectNext(8L)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anIdleStreamNeverReadsTheStoreAgain() {
        StepVerifier.create(stream.follow("s", 0))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(storeReads).hasValue(1);
    }

    @Test
    void aStreamThatFallsTooFarBehindEndsSoTheClientResumesFromTheStore() {
        StepVerifier.create(stream.follow("s", 0).map(FeedEvent::sequence), 0)
                .then(() -> {
                    for (long sequence = 1; sequence <= 5; sequence++) {
                        deliver(sequence);
                    }
                })
                .thenRequest(10)
                .expectNext(1L, 2L, 3L)
                .expectError(LiveFeed.SlowStream.class)
                .verify(Duration.ofSeconds(5));
        assertThat(live.openStreams()).isZero();
    }

    @Test
    void openStreamsEndWhenTheInstanceStopsSoClientsResumeElsewhere() {
        deliver(1);
        StepVerifier.create(stream.follow("s", 0).map(FeedEvent::sequence))
                .expectNext(1L)
                .then(stream::closeStreams)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}
