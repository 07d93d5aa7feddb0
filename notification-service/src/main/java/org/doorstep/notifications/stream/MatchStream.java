package org.doorstep.notifications.stream;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.LiveFeed;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A seeker's live stream: what the store holds after the client's last event id (read once, by key),
 * then each new event pushed from memory as it is stored. The stream starts listening before it reads
 * the store, so an event stored meanwhile arrives through the listener; it sends every sequence once,
 * in increasing order (events arrive in order: one writer per seeker, writing and then pushing), so
 * replay and live join without gaps or duplicates, and every open stream (device) of the seeker gets
 * every event. Nothing polls: an idle stream costs its listener and its heartbeat timer.
 */
@Service
public class MatchStream {

    private final Feed feed;
    private final LiveFeed live;
    private final Sinks.Empty<Void> closing = Sinks.empty();

    MatchStream(Feed feed, LiveFeed live) {
        this.feed = feed;
        this.live = live;
    }

    public Flux<FeedEvent> follow(String seekerId, long afterSequence) {
        return Flux.using(() -> live.listen(seekerId),
                        listener -> feed.replay(seekerId, afterSequence).flatMapMany(replay -> {
                            Cursor cursor = new Cursor(replay.from());
                            return Flux.concat(Flux.fromIterable(replay.events()), listener.events()).filter(cursor::advance);
                        }),
                        LiveFeed.Listener::close)
                .takeUntilOther(closing.asMono());
    }

    /** Ends open streams when the instance stops, so graceful shutdown is not held up; clients resume elsewhere. */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        closing.tryEmitEmpty();
    }

    private static final class Cursor {

        private long sequence;

        Cursor(long sequence) {
            this.sequence = sequence;
        }

        synchronized boolean advance(FeedEvent event) {
            if (event.sequence() <= sequence) {
                return false;
            }
            sequence = event.sequence();
            return true;
        }
    }
}
