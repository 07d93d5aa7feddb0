package org.doorstep.notifications.stream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * Each seeker's open streams on this instance, counted so that one token cannot hold an unbounded number of
 * connections (each costs a listener, a heartbeat timer and a socket). One more than {@code maxPerSeeker} is
 * refused rather than taking the place of the oldest: the streams that work keep working, and two clients of the
 * same seeker cannot evict each other in a reconnect loop. A slot is freed when its stream ends, including a
 * connection found dead by a heartbeat write; the refusal's retry hint is one heartbeat interval for that reason.
 */
@Component
public class StreamSlots {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int limit;
    private final Duration retryAfter;

    StreamSlots(StreamProperties settings) {
        this.limit = settings.maxPerSeeker();
        long seconds = Math.max(1, (settings.heartbeat().toMillis() + 999) / 1000);
        this.retryAfter = Duration.ofSeconds(seconds);
    }

    /** A slot for one more stream of the seeker; close it when the stream ends. */
    public Slot open(String seekerId) {
        boolean[] granted = {false};
        open.compute(seekerId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            granted[0] = true;
            return now + 1;
        });
        if (!granted[0]) {
            throw new TooManyStreams(limit, retryAfter);
        }
        return new Slot(seekerId);
    }

    int openStreams(String seekerId) {
        return open.getOrDefault(seekerId, 0);
    }

    public final class Slot implements AutoCloseable {

        private final String seekerId;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(String seekerId) {
            this.seekerId = seekerId;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(seekerId, (id, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
