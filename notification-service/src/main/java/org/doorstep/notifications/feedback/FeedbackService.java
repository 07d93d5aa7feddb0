package org.doorstep.notifications.feedback;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.doorstep.notifications.delivery.SeekerErasure;
import org.doorstep.notifications.problem.NotFound;
import org.doorstep.notifications.inbox.AppliedMatches;
import org.doorstep.notifications.inbox.InboxStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Records a seeker's dismiss / apply on one of their own inbox items and queues the feedback event. */
@Service
public class FeedbackService implements SeekerErasure.ErasureParticipant {

    private final InboxStore inbox;
    private final AppliedMatches applied;
    private final FeedbackOutbox outbox;
    private final Clock clock;
    private final JsonMapper json;

    FeedbackService(InboxStore inbox, AppliedMatches applied, FeedbackOutbox outbox, Clock clock, JsonMapper json) {
        this.inbox = inbox;
        this.applied = applied;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
    }

    public enum Kind { DISMISSED, APPLIED }

    public record Recorded(String matchId, Kind feedback, String at, boolean newlyRecorded) {
    }

    public Mono<Recorded> give(String seekerId, String matchId, Kind kind) {
        return inbox.find(seekerId, matchId, clock.instant())
                .switchIfEmpty(Mono.error(() -> new NotFound("match " + matchId)))
                .flatMap(item -> kind == Kind.DISMISSED ? applied.marked(List.of(item)).map(List::getFirst) : Mono.just(item))
                .flatMap(item -> {
                    if (kind == Kind.DISMISSED && Kind.APPLIED.name().equals(item.feedback())) {
                        return Mono.error(FeedbackConflict.applied(matchId));
                    }
                    String at = clock.instant().toString();
                    SeekerFeedback feedback = kind == Kind.DISMISSED
                            ? new SeekerFeedback.MatchDismissed(matchId, seekerId, item.match().postingId(), at)
                            : new SeekerFeedback.MatchApplied(matchId, seekerId, item.match().postingId(), at);
                    return outbox.record(feedback, UUID.randomUUID().toString(), json.writeValueAsString(feedback))
                            .flatMap(fresh -> inbox.markFeedback(matchId, kind.name())
                                    .thenReturn(new Recorded(matchId, kind, at, fresh)));
                });
    }

    @Override
    public void erase(String seekerId) {
        outbox.erase(seekerId).block();
    }
}
