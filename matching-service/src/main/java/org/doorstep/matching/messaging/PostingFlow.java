package org.doorstep.matching.messaging;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.doorstep.matching.match.PostingChange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * {@code matchPosting}: postings of this instance's partitions, read a poll at a time (batch mode) and handed to
 * {@link PostingJudge}, which judges them against every seeker on a thread of its own, the newest first behind a
 * backlog (a posting's skills, title and description are read when its turn comes). A record that cannot be read
 * stops the poll there: the postings before it are handed over, and the binding's error handler ({@link DeadLetters})
 * commits them, sends the record to the dead-letter topic (at once when unreadable) and reads the rest again.
 */
@Configuration(proxyBeanMethods = false)
class PostingFlow {

    @Bean
    Consumer<Message<List<byte[]>>> matchPosting(EventReader reader, DomainTranslator translator, PostingJudge judge) {
        return poll -> {
            List<Message<Object>> records = PolledRecords.of(poll);
            List<?> timestamps = poll.getHeaders().get(KafkaHeaders.RECEIVED_TIMESTAMP) instanceof List<?> list
                    ? list : List.of();
            for (int i = 0; i < records.size(); i++) {
                Message<Object> record = records.get(i);
                PostingEvent event;
                try {
                    event = reader.posting(record);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("record " + i + " of the poll: " + e.getMessage(), e, i);
                }
                if (event != null) {
                    int partition = partition(record);
                    judge.add(event.state().postingId(), event.state().partnerId(), partition, written(timestamps, i),
                            () -> change(event, partition, translator));
                }
            }
        };
    }

    /** When the record was written (its timestamp), or now when the poll does not say. */
    private static Instant written(List<?> timestamps, int i) {
        return i < timestamps.size() && timestamps.get(i) instanceof Long at ? Instant.ofEpochMilli(at) : Instant.now();
    }

    /** The posting's change as matching sees it (tombstones are skipped: postings close with an event first). */
    private static PostingChange change(PostingEvent event, int partition, DomainTranslator translator) {
        return switch (event) {
            case PostingEvent.PostingUpserted upserted -> new PostingChange.Upserted(
                    translator.posting(upserted.state(), !"CLOSED".equals(upserted.state().status())), partition,
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
