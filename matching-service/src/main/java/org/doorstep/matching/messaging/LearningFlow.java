package org.doorstep.matching.messaging;

import java.util.function.Consumer;

import org.doorstep.matching.learning.FeedbackLearning;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * {@code learnFromFeedback}: every instance reads the whole feedback topic (a group of its own, from the start), so
 * that what was learned from dismissals, applications and hires ranks the same on every instance and is rebuilt after
 * a restart. What each pair was about is read from its ledger entry (one keyed read); an erased seeker's pairs are
 * tombstones, so nothing of theirs is learned again. The topic keeps 30 days (compacted by matchId): what is learned is
 * what people did in the last 30 days. An unreadable event is skipped here: {@code applyFeedback}, which
 * reads the same records, sends it to the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class LearningFlow {

    @Bean
    Consumer<Message<byte[]>> learnFromFeedback(EventReader reader, MatchLedger ledger, FeedbackLearning learning) {
        return message -> {
            FeedbackEvent event;
            try {
                event = reader.feedback(message);
            } catch (UnreadableEvent unreadable) {
                return;
            }
            if (event == null) {
                return;
            }
            String matchId = switch (event) {
                case FeedbackEvent.MatchDismissed dismissed -> MatchId.of(dismissed.postingId(), dismissed.seekerId());
                case FeedbackEvent.MatchApplied applied -> MatchId.of(applied.postingId(), applied.seekerId());
                case FeedbackEvent.MatchOutcome outcome -> outcome.matchId();
            };
            LedgerEntry pair = ledger.find(matchId)
                    .filter(p -> p.status() != LedgerEntry.Status.ERASED).orElse(null);
            if (pair == null) {
                return;
            }
            switch (event) {
                case FeedbackEvent.MatchDismissed dismissed -> learning.dismissed(pair);
                case FeedbackEvent.MatchApplied applied -> learning.applied(pair, false);
                // any outcome is of an application (the topic is compacted by matchId: it may replace the application)
                case FeedbackEvent.MatchOutcome outcome -> learning.applied(pair, "HIRED".equals(outcome.outcome()));
            }
        };
    }
}
