package org.doorstep.notifications.stream.web;

import java.security.Principal;
import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import org.doorstep.notifications.stream.MatchStream;
import org.doorstep.notifications.stream.StreamSettings;
import org.doorstep.notifications.errors.InvalidRequest;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

@RestController
class MatchStreamController {

    private final MatchStream stream;
    private final Duration heartbeat;

    MatchStreamController(MatchStream stream, StreamSettings settings) {
        this.stream = stream;
        this.heartbeat = settings.heartbeat();
    }

    @Operation(summary = "Server-Sent Events of the seeker's matches",
            description = "Events `match.found`, `match.withdrawn`, `digest`; `id` is the seeker's feed sequence. "
                    + "Reconnect with `Last-Event-ID` (header, or `lastEventId` query parameter) to receive exactly what was missed.")
    @GetMapping(path = "/api/v1/me/matches/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(Principal seeker,
                                         @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                                         @RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
        long after = parse(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
        Flux<ServerSentEvent<String>> events = stream.follow(seeker.getName(), after)
                .map(event -> ServerSentEvent.<String>builder()
                        .id(Long.toString(event.sequence()))
                        .event(event.type())
                        .data(event.data())
                        .build());
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat)
                .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build());
        Flux<ServerSentEvent<String>> hello = Flux.just(ServerSentEvent.<String>builder().comment("stream open").build());
        return Flux.concat(hello, Flux.merge(events, heartbeats));
    }

    private static long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(lastEventId.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidRequest("Last-Event-ID", "must be a non-negative event id from this stream");
        }
    }
}
