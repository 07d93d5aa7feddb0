package org.doorstep.local.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.doorstep.local.ServerSentEvents;
import tools.jackson.databind.JsonNode;

/**
 * The watched seekers' live streams ({@code GET /api/v1/me/matches/stream}), spread over the
 * notification-service instances. Records when each posting's match first arrived (by postingId), and
 * reconnects with {@code Last-Event-ID} when a stream ends, as an app would.
 */
final class WatchedStreams implements AutoCloseable {

    private final Http http;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.Set<Stream<String>> bodies = ConcurrentHashMap.newKeySet();
    // each open stream blocks a thread reading its lines: never the caller's (a completed future runs it inline)
    private final java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newCachedThreadPool(
            r -> Thread.ofPlatform().daemon().name("bench-stream").unstarted(r));

    WatchedStreams(Http http) {
        this.http = http;
    }

    void watch(List<SeekerRegistration.Registered> seekers, List<String> notificationUrls) {
        for (int i = 0; i < seekers.size(); i++) {
            connect(notificationUrls.get(i % notificationUrls.size()), seekers.get(i).token(), new AtomicReference<>());
        }
    }

    private void connect(String baseUrl, String token, AtomicReference<String> lastEventId) {
        if (closed.get()) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/me/matches/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
        if (lastEventId.get() != null) {
            request.header("Last-Event-ID", lastEventId.get());
        }
        http.client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).whenCompleteAsync((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                open.incrementAndGet();
                bodies.add(response.body());
                try (Stream<String> lines = response.body()) {
                    new ServerSentEvents(event -> {
                        if (!event.id().isEmpty()) {
                            lastEventId.set(event.id());
                        }
                        record(event);
                    }).consume(lines);
                } catch (RuntimeException ended) {
                    // the stream broke off: reconnect below
                } finally {
                    bodies.remove(response.body());
                    open.decrementAndGet();
                }
            }
            if (!closed.get()) {
                reconnects.incrementAndGet();
                pauseBeforeReconnect();
                connect(baseUrl, token, lastEventId);
            }
        }, readers);
    }

    private void record(ServerSentEvents.Event event) {
        if (!event.name().endsWith("found")) {
            return;
        }
        long now = System.nanoTime();
        events.incrementAndGet();
        JsonNode data = Http.JSON.readTree(event.data());
        JsonNode match = data.has("match") ? data.path("match") : data;
        String postingId = match.path("postingId").asString("");
        if (!postingId.isEmpty()) {
            arrivals.putIfAbsent(postingId, now);
        }
    }

    /** When a match of the posting first arrived on a watched stream (System.nanoTime), if it did. */
    Long arrival(String postingId) {
        return arrivals.get(postingId);
    }

    int open() {
        return open.get();
    }

    int reconnects() {
        return reconnects.get();
    }

    int events() {
        return events.get();
    }

    private static void pauseBeforeReconnect() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.set(true);
        bodies.forEach(Stream::close);
        readers.shutdownNow();
    }
}
