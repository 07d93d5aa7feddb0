package org.doorstep.notifications.operator.web;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import org.doorstep.notifications.operator.OperatorEvent;
import org.doorstep.notifications.operator.OperatorFeed;
import org.doorstep.notifications.stream.StreamProperties;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** The operators' live feed: every delivery decision as it is written, without anything about the seeker. */
@RestController
class OperatorFeedController {

    private final OperatorFeed feed;
    private final Duration heartbeat;

    OperatorFeedController(OperatorFeed feed, StreamProperties settings) {
        this.feed = feed;
        this.heartbeat = settings.heartbeat();
    }

    @Operation(summary = "Server-Sent Events of delivery decisions, for operators and auditors",
            description = "One event per decision, named by its outcome (`live`, `held`, `digest`, `inbox_only`, "
                    + "`withdrawn`), data `{matchRef, postingId, partnerId, score, outcome, regionCode, campaignCodes, at}` "
                    + "(matchRef: a one-way hash of the matchId, which holds the seeker's id). "
                    + "No seeker data. Live only: nothing is replayed, and each instance tells the decisions of the "
                    + "partitions it owns.")
    @GetMapping(path = "/api/v1/operator/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<OperatorEvent>> stream() {
        Flux<ServerSentEvent<OperatorEvent>> events = feed.follow()
                .map(event -> ServerSentEvent.<OperatorEvent>builder().event(event.outcome()).data(event).build());
        Flux<ServerSentEvent<OperatorEvent>> heartbeats = Flux.interval(heartbeat)
                .map(tick -> ServerSentEvent.<OperatorEvent>builder().comment("heartbeat").build());
        // a comment first, so that the answer's headers go out (and a proxy sees the stream open) before any decision
        return Flux.concat(Flux.just(ServerSentEvent.<OperatorEvent>builder().comment("open").build()),
                Flux.merge(events, heartbeats));
    }
}
