package org.doorstep.notifications.inbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * This instance's open streams, by seeker: events are pushed to them from memory as soon as they are
 * stored (by this instance's consumer, or by another instance through the live feed topic). An idle
 * stream costs a map entry and an empty sink; nothing polls. A stream that falls {@code backlog}
 * events behind is ended with {@link SlowStream}: the client reconnects with Last-Event-ID and
 * resumes from the store, so nothing is lost and a slow client cannot hold memory.
 */
@Component
public class LiveFeed {

    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final int backlog;

    public LiveFeed(@Value("${doorstep.stream.backlog:1000}") int backlog) {
        this.backlog = backlog;
    }

    /** Starts buffering the seeker's events for a new stream; close the listener when the stream ends. */
    public Listener listen(String seekerId) {
        Listener listener = new Listener(seekerId);
        listeners.compute(seekerId, (id, set) -> {
            Set<Listener> of = set == null ? ConcurrentHashMap.newKeySet() : set;
            of.add(listener);
            return of;
        });
        open.incrementAndGet();
        return listener;
    }

    /** Hands stored events to the seeker's open streams on this instance. */
    public void publish(List<FeedEvent> events) {
        for (FeedEvent event : events) {
            Set<Listener> of = listeners.get(event.seekerId());
            if (of != null) {
                of.forEach(listener -> listener.offer(event));
            }
        }
    }

    /**
     * Ends the seeker's open streams on this instance (the seeker was erased): each completes, and a client that
     * reconnects is refused, since its token's subject is gone.
     */
    public void end(String seekerId) {
        Set<Listener> of = listeners.get(seekerId);
        if (of != null) {
            of.forEach(Listener::end);
        }
    }

    /**
     * Whether a stream of the seeker is open on this instance right now. A stream that opens just after a
     * false answer misses nothing: it registers its listener before reading the store, and what is published
     * has been stored first.
     */
    public boolean listening(String seekerId) {
        return listeners.containsKey(seekerId);
    }

    public int openStreams() {
        return open.get();
    }

    /** The stream fell too far behind; it ends so that the client resumes from the store. */
    public static final class SlowStream extends RuntimeException {
        SlowStream() {
            super("stream fell behind; reconnect with Last-Event-ID", null, false, false);
        }
    }

    public final class Listener implements AutoCloseable {

        private final String seekerId;
        private final Sinks.Many<FeedEvent> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<FeedEvent>unbounded(16).get());
        private final AtomicInteger queued = new AtomicInteger();
        private boolean closed;

        private Listener(String seekerId) {
            this.seekerId = seekerId;
        }

        private synchronized void offer(FeedEvent event) {
            if (closed) {
                return;
            }
            if (queued.incrementAndGet() > backlog) {
                sink.tryEmitError(new SlowStream());
                closeQuietly();
                return;
            }
            sink.tryEmitNext(event);
        }

        private synchronized void end() {
            if (!closed) {
                sink.tryEmitComplete();
                closeQuietly();
            }
        }

        public Flux<FeedEvent> events() {
            return sink.asFlux().doOnNext(event -> queued.decrementAndGet());
        }

        @Override
        public synchronized void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            if (closed) {
                return;
            }
            closed = true;
            open.decrementAndGet();
            listeners.computeIfPresent(seekerId, (id, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
