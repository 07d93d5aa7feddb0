package org.doorstep.notifications.stream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.FeedSignals;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * A seeker's live stream: everything in the feed after the client's last event id, then each new
 * event as it is appended. The stream only ever reads the feed in sequence order and remembers the
 * last sequence it sent, so replay and live events join without gaps or duplicates, and every open
 * stream (device) of the seeker gets every event.
 */
@Service
public class MatchStream {

    private static final int BATCH = 500;

    private final Feed feed;
    private final FeedSignals signals;
    private final Duration pollInterval;

    MatchStream(Feed feed, FeedSignals signals, StreamSettings settings) {
        this.feed = feed;
        this.signals = signals;
        this.pollInterval = settings.pollInterval();
    }

    public Flux<FeedEvent> follow(String seekerId, long afterSequence) {
        return Flux.defer(() -> {
            AtomicLong cursor = new AtomicLong(afterSequence);
            // subscribe to signals before the first read, so an append racing the read still wakes us
            Flux<Object> wakeUps = Flux.<Object>merge(signals.of(seekerId), Flux.interval(Duration.ZERO, pollInterval))
                    .onBackpressureLatest();
            return wakeUps.concatMap(wakeUp -> feed.after(seekerId, cursor.get(), BATCH)
                    .filter(event -> event.sequence() > cursor.get())
                    .doOnNext(event -> cursor.set(event.sequence())), 1);
        });
    }
}
