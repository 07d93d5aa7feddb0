package org.doorstep.matching.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.doorstep.matching.economy.EconomyTags;
import org.doorstep.matching.economy.PostingEconomies;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.PostingChange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * {@code matchPosting}: postings of this instance's partitions, matched against every seeker, a poll at a time
 * (batch mode): the engine judges a poll's postings as one round (one ledger read, one claim, one publish, one
 * settle). A record that cannot be read or translated stops the poll there: the postings before it are matched,
 * and the binding's error handler ({@link DeadLetters}) commits them, sends the record to the dead-letter
 * topic (at once when unreadable) and reads the rest again.
 */
@Configuration(proxyBeanMethods = false)
class PostingFlow {

    @Bean
    Consumer<Message<List<byte[]>>> matchPosting(EventReader reader, DomainTranslator translator, MatchEngine engine,
                                                 EconomyTags economyTags, PostingEconomies economies,
                                                 MeterRegistry meters) {
        Timer age = Timer.builder("doorstep.matching.posting.age")
                .description("a posting event's age (from its record's timestamp) when its matches are published")
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofMinutes(10)).register(meters);
        return poll -> {
            List<Message<Object>> records = PolledRecords.of(poll);
            List<PostingChange> changes = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                PostingChange change;
                try {
                    change = change(records.get(i), reader, translator);
                } catch (RuntimeException e) {
                    engine.postingsChanged(changes);
                    recordEconomies(changes, economyTags, economies);
                    throw new BatchListenerFailedException("record " + i + " of the poll: " + e.getMessage(), e, i);
                }
                if (change != null) {
                    changes.add(change);
                }
            }
            engine.postingsChanged(changes);
            recordEconomies(changes, economyTags, economies);
            recordAges(poll, age);
        };
    }

    /** Each posting's economy tags (for the operators' statistics), once its matches are handled. */
    private static void recordEconomies(List<PostingChange> changes, EconomyTags economyTags, PostingEconomies economies) {
        List<PostingEconomies.Tagged> tagged = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        for (PostingChange change : changes) {
            switch (change) {
                case PostingChange.Upserted upserted -> tagged.add(new PostingEconomies.Tagged(upserted.posting().id(),
                        economyTags.of(upserted.posting().requiredSkills(), upserted.posting().optionalSkills(),
                                upserted.posting().extractedSkills()), upserted.posting().open()));
                case PostingChange.Closed gone -> closed.add(gone.postingId());
            }
        }
        economies.record(tagged, closed);
    }

    private static void recordAges(Message<?> poll, Timer age) {
        if (poll.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP) instanceof List<?> timestamps) {
            long now = System.currentTimeMillis();
            for (Object timestamp : timestamps) {
                if (timestamp instanceof Long at) {
                    age.record(Math.max(0, now - at), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /** The record's change; null for a tombstone (postings close with an event first). */
    private static PostingChange change(Message<?> message, EventReader reader, DomainTranslator translator) {
        PostingEvent event = reader.posting(message);
        if (event == null) {
            return null;
        }
        return switch (event) {
            case PostingEvent.PostingUpserted upserted -> new PostingChange.Upserted(
                    translator.posting(upserted.state(), !"CLOSED".equals(upserted.state().status())), partition(message),
                    translator.job(upserted.state()));
            case PostingEvent.PostingClosed closed ->
                    new PostingChange.Closed(closed.state().postingId(), closed.state().version());
        };
    }

    private static int partition(Message<?> message) {
        Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        return partition instanceof Integer p ? p : -1;
    }
}
