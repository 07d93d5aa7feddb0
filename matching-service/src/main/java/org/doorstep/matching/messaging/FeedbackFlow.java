package org.doorstep.matching.messaging;

import java.util.function.Consumer;

import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.OutcomeRecorder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * {@code applyFeedback}: a dismissed pair is never matched again; an application needs nothing here; a hire reported
 * by the partner ({@code match.outcome.v1}) is counted as a placement.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackFlow {

    @Bean
    Consumer<Message<byte[]>> applyFeedback(EventReader reader, MatchEngine engine, OutcomeRecorder outcomes,
                                            java.time.Clock clock) {
        return message -> {
            FeedbackEvent event = reader.feedback(message);
            if (event == null) {
                return;
            }
            switch (event) {
                case FeedbackEvent.MatchDismissed dismissed -> engine.dismissed(dismissed.seekerId(), dismissed.postingId(),
                        dismissed.at() == null ? clock.instant() : dismissed.at());
                // applying keeps the match as it is; it is counted in the outcomes
                case FeedbackEvent.MatchApplied applied -> outcomes.applied(MatchId.of(applied.postingId(), applied.seekerId()),
                        applied.at() == null ? clock.instant() : applied.at());
                case FeedbackEvent.MatchOutcome outcome -> outcomes.outcome(outcome.matchId(), outcome.outcome(),
                        outcome.matchedAt(), outcome.at() == null ? clock.instant() : outcome.at());
            }
        };
    }
}
