package org.doorstep.notifications.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.FeedSignals;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A seeker's live stream: everything in the feed after the client's last event id, then each new
 * event as it is appended. The stream only ever reads the feed in sequence order and remembers the
 * last sequence it sent, so replay and live events join without gaps or duplicates, and every open
 * stream (device) of the seeker gets every event.
 * <p>
 * A hole in the sequence may be an append still in flight elsewhere (another instance's job); a
 * fresh hole is waited for, up to {@code gapGrace}, before the stream moves past it. Holes older than
 * that (a sequence number burnt by a crash, expired entries) are passed at once.
 */
@Service
public class MatchStream {

    private static final int BATCH = 500;

    private final Feed feed;
    private final FeedSignals signals;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration gapGrace;
    private final Sinks.Empty<Void> closing = Sinks.empty();

    MatchStream(Feed feed, FeedSignals signals, Clock clock, StreamSettings settings) {
        this.feed = feed;
        this.signals = signals;
        this.clock = clock;
        this.pollInterval = settings.pollInterval();
        this.gapGrace = settings.gapGrace() == null ? Duration.ofSeconds(2) : settings.gapGrace();
    }

    public Flux<FeedEvent> follow(String seekerId, long afterSequence) {
        return Flux.defer(() -> {
            Cursor cursor = new Cursor(afterSequence);
            // subscribe to signals before the first read, so an append racing the read still wakes us
            Flux<Object> wakeUps = Flux.<Object>merge(signals.of(seekerId), Flux.interval(Duration.ZERO, pollInterval))
                    .onBackpressureLatest();
            return wakeUps.concatMap(wakeUp -> feed.after(seekerId, cursor.sequence, BATCH).collectList()
                    .flatMapIterable(cursor::advance), 1);
        }).takeUntilOther(closing.asMono());
    }

    /** Ends open streams when the instance stops, so graceful shutdown is not held up; clients resume elsewhere. */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        closing.tryEmitEmpty();
    }

    private final class Cursor {

        private long sequence;
        private long gapSeenAt = -1;

        Cursor(long sequence) {
            this.sequence = sequence;
        }

        /** The events that may be sent now, in order; moves the cursor past them. */
        synchronized List<FeedEvent> advance(List<FeedEvent> events) {
            List<FeedEvent> ready = new ArrayList<>();
            for (FeedEvent event : events) {
                if (event.sequence() <= sequence) {
                    continue;
                }
                if (event.sequence() != sequence + 1 && !gapMayBePassed(event)) {
                    break;
                }
                gapSeenAt = -1;
                sequence = event.sequence();
                ready.add(event);
            }
            return ready;
        }

        private boolean gapMayBePassed(FeedEvent event) {
            if (event.at().isBefore(clock.instant().minus(gapGrace))) {
                return true;
            }
            long now = System.nanoTime();
            if (gapSeenAt < 0) {
                gapSeenAt = now;
            }
            return Duration.ofNanos(now - gapSeenAt).compareTo(gapGrace) >= 0;
        }
    }
}
