package org.doorstep.notifications.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.FeedSignals;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's ordering rules on an in-memory feed: holes are waited for briefly, repeats never sent. */
class MatchStreamGapTest {

    private final ConcurrentSkipListMap<Long, FeedEvent> events = new ConcurrentSkipListMap<>();
    private final FeedSignals signals = new FeedSignals();
    private final Feed feed = new Feed() {
        @Override
        public Mono<FeedEvent> append(String seekerId, String key, String type, String matchId, String data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<FeedEvent> after(String seekerId, long sequence, int limit) {
            return Flux.fromIterable(List.copyOf(events.tailMap(sequence, false).values())).take(limit);
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

    private MatchStream stream(Duration grace) {
        return new MatchStream(feed, signals, Clock.systemUTC(),
                new StreamSettings(Duration.ofSeconds(15), Duration.ofMillis(50), grace));
    }

    private void put(long sequence, Instant at) {
        events.put(sequence, new FeedEvent("s", sequence, "match.found", "m" + sequence, "{}", at));
        signals.appended("s");
    }

    @Test
    void waitsForAFreshHoleToFillThenSendsInOrder() {
        put(1, Instant.now());
        put(2, Instant.now());
        put(4, Instant.now());
        StepVerifier.create(stream(Duration.ofSeconds(5)).follow("s", 0).map(FeedEvent::sequence))
                .expectNext(1L, 2L)
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> put(3, Instant.now()))
                .expectNext(3L, 4L)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void movesPastAHoleThatNeverFillsAfterTheGrace() {
        put(1, Instant.now());
        put(3, Instant.now());
        long started = System.nanoTime();
        StepVerifier.create(stream(Duration.ofMillis(400)).follow("s", 0).map(FeedEvent::sequence))
                .expectNext(1L, 3L)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void openStreamsEndWhenTheInstanceStopsSoClientsResumeElsewhere() {
        put(1, Instant.now());
        MatchStream stream = stream(Duration.ofSeconds(2));
        StepVerifier.create(stream.follow("s", 0).map(FeedEvent::sequence))
                .expectNext(1L)
                .then(stream::closeStreams)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void oldHolesArePassedAtOnceAndNothingAtOrBeforeTheLastEventIdIsRepeated() {
        Instant old = Instant.now().minus(Duration.ofHours(1));
        put(5, old);
        put(9, old);
        put(12, old);
        StepVerifier.create(stream(Duration.ofSeconds(30)).follow("s", 5).map(FeedEvent::sequence))
                .expectNext(9L, 12L)
                .thenCancel()
                .verify(Duration.ofSeconds(2));
    }
}
