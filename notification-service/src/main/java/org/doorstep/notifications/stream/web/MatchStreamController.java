package org.doorstep.notifications.stream.web;

import java.security.Principal;
import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.doorstep.notifications.stream.MatchStream;
import org.doorstep.notifications.stream.StreamProperties;
import org.doorstep.notifications.stream.StreamSlots;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

@RestController
class MatchStreamController {

    private final MatchStream stream;
    private final StreamSlots slots;
    private final Duration heartbeat;

    MatchStreamController(MatchStream stream, StreamSlots slots, StreamProperties settings) {
        this.stream = stream;
        this.slots = slots;
        this.heartbeat = settings.heartbeat();
    }

    /**
     * Everything that can fail does so before the first event (a bad Last-Event-ID, one stream too many), so the
     * client gets a problem with its status, not a stream that starts and breaks: the slot is taken when the body is
     * subscribed, and an error as the first signal is answered by the error handling, not written as an event.
     */
    @Operation(summary = "Server-Sent Events of the seeker's matches",
            description = "Events `match.found`, `match.withdrawn`, `digest`; `id` is the seeker's feed sequence. "
                    + "Reconnect with `Last-Event-ID` (header, or `lastEventId` query parameter) to receive exactly what was missed. "
                    + "At most `doorstep.stream.max-per-seeker` (5) streams per seeker at once: one more is a 429 with Retry-After.",
            parameters = @Parameter(in = ParameterIn.HEADER, name = LastEventId.HEADER, required = false,
                    description = "the id of the last event received (a non-negative integer)"))
    @GetMapping(path = "/api/v1/me/matches/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(@Parameter(hidden = true) Principal seeker,
                                         @Parameter(hidden = true) ServerHttpRequest request,
                                         @RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
        long after = LastEventId.of(request, lastEventIdParam);
        String seekerId = seeker.getName();
        return Flux.using(() -> slots.open(seekerId), slot -> events(seekerId, after), StreamSlots.Slot::close);
    }

    private Flux<ServerSentEvent<String>> events(String seekerId, long after) {
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<ServerSentEvent<String>> events = stream.follow(seekerId, after)
                .doFinally(signal -> ended.tryEmitEmpty())
                .map(event -> ServerSentEvent.<String>builder()
                        .id(Long.toString(event.sequence()))
                        .event(event.type())
                        .data(event.data())
                        .build());
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat)
                .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build())
                .takeUntilOther(ended.asMono());
        Flux<ServerSentEvent<String>> hello = Flux.just(ServerSentEvent.<String>builder().comment("stream open").build());
        return Flux.concat(hello, Flux.merge(events, heartbeats));
    }
}
