package org.doorstep.notifications.delivery.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.doorstep.notifications.delivery.MatchDelivery;
import org.doorstep.notifications.delivery.MatchRecord;
import org.doorstep.notifications.match.MatchEvent;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The match flow, {@code deliverMatch}: doorstep.matches.v1 read a poll at a time and delivered as one batch.
 * Unknown types are skipped (tolerant reader), tombstones likewise; an unreadable record is parked in the DLQ.
 */
@Configuration(proxyBeanMethods = false)
class MatchFlow {

    private static final Logger log = LoggerFactory.getLogger(MatchFlow.class);

    /**
     * One poll of doorstep.matches.v1 at a time (batch mode). Unreadable records are parked in the DLQ
     * unchanged, right here, and the rest of the batch goes on; tombstones and unknown types are skipped.
     */
    @Bean
    Consumer<Message<List<byte[]>>> deliverMatch(MatchDelivery delivery, UnreadableRecords unreadable, JsonMapper json,
                                                 MeterRegistry meters) {
        Timer age = Timer.builder("doorstep.notifications.match.age")
                .description("a match record's age (from its timestamp, set by matching) when its delivery is decided and written")
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofMinutes(10)).register(meters);
        return message -> {
            List<byte[]> values = message.getPayload();
            List<MatchRecord> records = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                BatchRecord record = new BatchRecord(message, i);
                byte[] data = values.get(i);
                String type = record.header("ce_type");
                if (data == null || data.length == 0) {
                    log.debug("tombstone on doorstep.matches.v1 for key {} ignored", record.key());
                    continue;
                }
                try {
                    switch (type == null ? "" : type) {
                        case MatchEvent.FOUND_TYPE -> records.add(new MatchRecord(record.partition(), record.offset(),
                                json.readValue(data, MatchFound.class), new String(data, StandardCharsets.UTF_8)));
                        case MatchEvent.WITHDRAWN_TYPE -> records.add(new MatchRecord(record.partition(), record.offset(),
                                json.readValue(data, MatchWithdrawn.class)));
                        case "" -> throw new IllegalArgumentException("record without ce_type header");
                        default -> log.debug("event type {} ignored", type);
                    }
                } catch (RuntimeException e) {
                    unreadable.park(record, data, e);
                }
            }
            delivery.deliver(records);
            recordAges(message, age);
        };
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
}
