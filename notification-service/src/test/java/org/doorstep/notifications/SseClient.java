package org.doorstep.notifications;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/** One device's connection to the live stream, over real HTTP, remembering everything it received. */
public final class SseClient implements AutoCloseable {

    private final List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, java.time.Instant> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
    private final Disposable connection;
    private volatile boolean ended;

    private SseClient(int port, String token, String lastEventId) {
        WebClient client = WebClient.create("http://localhost:" + port);
        connection = client.get().uri("/api/v1/me/matches/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .subscribe(event -> {
                    if (event.data() != null && event.event() != null) {
                        var matchId = Events.JSON.readTree(event.data()).get("matchId");
                        if (matchId != null) {
                            arrivals.putIfAbsent(event.event() + ":" + matchId.asString(), java.time.Instant.now());
                        }
                    }
                    received.add(event);
                }, error -> ended = true, () -> ended = true);
    }

    public static SseClient connect(int port, String token) {
        return new SseClient(port, token, null);
    }

    public static SseClient resume(int port, String token, String lastEventId) {
        return new SseClient(port, token, lastEventId);
    }

    /** Events with data (not comments), in arrival order. */
    public List<ServerSentEvent<String>> events() {
        return received.stream().filter(event -> event.event() != null).toList();
    }

    public List<ServerSentEvent<String>> comments() {
        return received.stream().filter(event -> event.event() == null && event.comment() != null).toList();
    }

    /** The ids of the received events, in arrival order. */
    public List<Long> ids() {
        return events().stream().map(event -> Long.parseLong(event.id())).toList();
    }

    public List<String> matchIdsOf(String type) {
        return events().stream().filter(event -> type.equals(event.event()))
                .map(event -> Events.JSON.readTree(event.data()).get("matchId").asString())
                .toList();
    }

    /** When each {@code type:matchId} arrived. */
    public java.util.Map<String, java.time.Instant> arrivals() {
        return java.util.Map.copyOf(arrivals);
    }

    /** Whether the server ended the stream (completed, or failed after it began). */
    public boolean ended() {
        return ended;
    }

    public String lastId() {
        List<ServerSentEvent<String>> events = events();
        return events.isEmpty() ? null : events.get(events.size() - 1).id();
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
