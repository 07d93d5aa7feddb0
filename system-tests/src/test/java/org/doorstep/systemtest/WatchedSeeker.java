package org.doorstep.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.doorstep.local.DoorstepService;
import org.doorstep.local.ServerSentEvents;

/**
 * A mobile app watching one seeker's live stream through a fault, as apps do: whenever the stream ends or cannot be
 * opened (the service answers 503 during an outage), it connects again a second later, resuming with the id of the
 * last event it saw ({@code Last-Event-ID}). Counts every {@code match.found} it receives by posting, so a test can
 * tell lost deliveries (count 0) from repeated ones (count > 1).
 */
final class WatchedSeeker implements AutoCloseable {

    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI stream;
    private final String token;
    private final List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile String lastEventId;
    private volatile boolean closed;
    private volatile CompletableFuture<?> current = CompletableFuture.completedFuture(null);

    private WatchedSeeker(ServicesUnderTest services, String token) {
        this.stream = URI.create(services.url(DoorstepService.NOTIFICATION) + "/api/v1/me/matches/stream");
        this.token = token;
    }

    /** Starts watching; returns once the first connection answered 200 (or fails after 30 s). */
    static WatchedSeeker watch(ServicesUnderTest services, String token) {
        WatchedSeeker seeker = new WatchedSeeker(services, token);
        HttpResponse<Stream<String>> first = seeker.open().orTimeout(30, TimeUnit.SECONDS).join();
        if (first.statusCode() != 200) {
            throw new IllegalStateException("the live stream answered " + first.statusCode());
        }
        seeker.consume(first);
        return seeker;
    }

    /** Deliveries of {@code match.found} by postingId, over every connection so far. */
    Map<String, Long> deliveries() {
        return events.stream().filter(e -> e.name().equals("match.found"))
                .map(e -> PlatformClient.json(e.data()).path("postingId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** How many times the stream was opened with 200 (1 when it never broke). */
    int connections() {
        return connections.get();
    }

    private CompletableFuture<HttpResponse<Stream<String>>> open() {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
        String resumeFrom = lastEventId;
        if (resumeFrom != null && !resumeFrom.isEmpty()) {
            request.header("Last-Event-ID", resumeFrom);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    private void consume(HttpResponse<Stream<String>> response) {
        connections.incrementAndGet();
        current = CompletableFuture.runAsync(() -> {
            try (Stream<String> lines = response.body()) {
                new ServerSentEvents(event -> {
                    events.add(event);
                    if (!event.id().isEmpty()) {
                        lastEventId = event.id();
                    }
                }).consume(lines);
            } catch (RuntimeException streamBroke) {
                // the connection went away mid-stream: what an app sees when a service or the network fails
            }
        }).whenComplete((done, failure) -> reconnectLater());
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(RECONNECT_AFTER.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(waited -> open())
                .whenComplete((response, failure) -> {
                    if (closed) {
                        return;
                    }
                    if (failure == null && response.statusCode() == 200) {
                        consume(response);
                    } else {
                        if (response != null) {
                            response.body().close();
                        }
                        reconnectLater();
                    }
                });
    }

    @Override
    public void close() {
        closed = true;
        current.cancel(true);
        http.shutdownNow();
    }
}
