package org.doorstep.postings.feed.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.doorstep.postings.feed.FeedCursor;
import org.doorstep.postings.feed.FeedPosting;
import org.doorstep.postings.feed.PostingChange;
import org.doorstep.postings.feed.PostingLog;
import org.doorstep.postings.feed.app.FeedProperties;
import org.doorstep.postings.posting.ClosedReason;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.PostingStatus;
import org.doorstep.postings.posting.messaging.PostingEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the postings topic at a cursor with plain consumers (assigned partitions, no group, nothing committed: the
 * reader's position is the cursor it holds). Consumers are pooled, one request at a time each, at most
 * {@code doorstep.feed.readers} of them.
 */
@Component
class KafkaPostingLog implements PostingLog {

    private static final Logger log = LoggerFactory.getLogger(KafkaPostingLog.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a page may keep reading towards the end of the log it saw when it started. */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final Map<String, Object> config;
    /** Reads the event's data leniently: what the feed shows of it, the rest (the partner's fields) passed over. */
    private final ObjectReader postings;
    private final Semaphore permits;
    private final LinkedBlockingDeque<KafkaConsumer<String, byte[]>> idle = new LinkedBlockingDeque<>();

    KafkaPostingLog(KafkaProperties kafka, FeedProperties feed, JsonMapper json) {
        // spring.kafka.* first (the security settings of a TLS and SCRAM listener), then this reader's own
        Map<String, Object> settings = new HashMap<>(kafka.buildConsumerProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // a fetch at the log's end waits this long at the broker, and a pooled consumer's next request waits behind
        // it on the same connection (the broker's default, 500 ms, made every caught-up page take half a second)
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "postings-feed");
        this.config = Map.copyOf(settings);
        this.postings = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.permits = new Semaphore(feed.readers());
    }

    @Override
    public Batch read(FeedCursor from, int max, Duration wait) {
        permits.acquireUninterruptibly();
        KafkaConsumer<String, byte[]> consumer = idle.pollFirst();
        try {
            if (consumer == null) {
                consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            }
            Batch batch = read(consumer, from, max, wait);
            idle.addFirst(consumer);
            consumer = null;
            return batch;
        } finally {
            if (consumer != null) {
                // it failed mid-read: its state is unknown, a new one takes its place
                consumer.close(Duration.ofSeconds(1));
            }
            permits.release();
        }
    }

    private Batch read(KafkaConsumer<String, byte[]> consumer, FeedCursor from, int max, Duration wait) {
        List<TopicPartition> partitions = consumer.partitionsFor(PostingEvents.TOPIC).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        partitions.forEach(tp -> consumer.seek(tp, from.offset(tp.partition())));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long started = System.nanoTime();
        boolean waiting = caughtUp(from, end);
        long deadline = started + (waiting ? wait : CATCH_UP).toNanos();
        List<PostingChange> changes = new ArrayList<>();
        FeedCursor next = from;
        boolean full = false;
        while (!full && System.nanoTime() < deadline) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                if (changes.size() >= max) {
                    full = true;
                    break;
                }
                next = next.with(record.partition(), record.offset() + 1);
                FeedPosting posting = parse(record);
                if (posting != null) {
                    changes.add(new PostingChange(record.partition(), record.offset(), posting));
                }
            }
            if (!full) {
                // everything fetched is in: the consumer's positions are where this batch ends (past compacted gaps)
                for (TopicPartition tp : partitions) {
                    next = next.with(tp.partition(), Math.max(next.offset(tp.partition()), consumer.position(tp)));
                }
            }
            full = full || changes.size() >= max;
            if (waiting ? !records.isEmpty() : caughtUp(next, end)) {
                break;
            }
        }
        return new Batch(changes, next, caughtUp(next, end));
    }

    private static boolean caughtUp(FeedCursor cursor, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> cursor.offset(e.getKey().partition()) >= e.getValue());
    }

    private FeedPosting parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode data = postings.readTree(record.value());
            Head head = postings.treeToValue(data, Head.class);
            return new FeedPosting(head.postingId(), head.version(), head.status(),
                    postings.treeToValue(data, PostingContent.class), head.updatedAt(), head.closedReason());
        } catch (RuntimeException e) {
            log.warn("Skipping a postings record the feed cannot read at {}-{}@{}: {}", record.topic(),
                    record.partition(), record.offset(), e.toString());
            return null;
        }
    }

    /** The posting's own fields of the event, next to its content. */
    private record Head(String postingId, long version, PostingStatus status, Instant updatedAt,
                        ClosedReason closedReason) {
    }

    @PreDestroy
    void close() {
        KafkaConsumer<String, byte[]> consumer;
        while ((consumer = idle.pollFirst()) != null) {
            consumer.close(Duration.ofSeconds(1));
        }
    }
}
