package org.doorstep.notifications.delivery.messaging;

import java.time.LocalTime;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.doorstep.notifications.delivery.MatchDelivery;
import org.doorstep.notifications.delivery.MatchRecord;
import org.doorstep.notifications.delivery.PreferencesCopy;
import org.doorstep.notifications.delivery.SeekerErasure;
import org.doorstep.notifications.inbox.MatchEvent;
import org.doorstep.notifications.inbox.MatchFound;
import org.doorstep.notifications.inbox.MatchWithdrawn;
import org.doorstep.notifications.preferences.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seeker-side event flows: {@code deliverMatch} (doorstep.matches.v1) and {@code copyPreferences}
 * (doorstep.seeker-preferences.v1). A record that cannot be read throws, so the binder retries it and
 * then parks it in the DLQ; unknown types are skipped (tolerant reader), tombstones likewise or purge.
 */
@Configuration(proxyBeanMethods = false)
class SeekerEventConsumers {

    private static final Logger log = LoggerFactory.getLogger(SeekerEventConsumers.class);
    static final String PREFERENCES_TYPE = "org.doorstep.seeker.preferences.v1";
    static final String ERASED_TYPE = "org.doorstep.seeker.erased.v1";

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

    @Bean
    Consumer<Message<?>> copyPreferences(PreferencesCopy copy, SeekerErasure erasure, JsonMapper json) {
        return message -> {
            byte[] data = CloudEventMessage.data(message);
            String type = CloudEventMessage.header(message, "ce_type");
            if (data == null) {
                String key = CloudEventMessage.key(message);
                if (key != null) {
                    erasure.erase(key);
                }
                return;
            }
            switch (type == null ? "" : type) {
                case PREFERENCES_TYPE -> copy.save(json.readValue(data, PreferencesEvent.class).toPreferences());
                case ERASED_TYPE -> erasure.erase(json.readValue(data, SeekerErased.class).seekerId());
                case "" -> throw new IllegalArgumentException("record without ce_type header");
                default -> log.debug("event type {} ignored", type);
            }
        };
    }

    record SeekerErased(String seekerId, String erasedAt) {
        SeekerErased {
            if (seekerId == null || seekerId.isBlank()) {
                throw new IllegalArgumentException("seekerId is required");
            }
        }
    }

    /** {@code org.doorstep.seeker.preferences.v1} as on the wire. */
    record PreferencesEvent(String seekerId, long version, List<String> channels, QuietHours quietHours,
                            Integer maxPerDay, Digest digest, double minScore, boolean shareWithPartners,
                            String pushToken, String updatedAt) {

        PreferencesEvent {
            if (seekerId == null || seekerId.isBlank()) {
                throw new IllegalArgumentException("seekerId is required");
            }
        }

        Preferences toPreferences() {
            return new Preferences(seekerId, version, channels == null ? null : new HashSet<>(channels),
                    quietHours == null ? null : new Preferences.QuietHours(LocalTime.parse(quietHours.start()),
                            LocalTime.parse(quietHours.end()), ZoneId.of(quietHours.zone())),
                    maxPerDay,
                    digest == null ? Preferences.Digest.NONE : new Preferences.Digest("DAILY".equals(digest.mode()),
                            digest.at() == null ? null : LocalTime.parse(digest.at()),
                            digest.zone() == null ? null : ZoneId.of(digest.zone())),
                    minScore, shareWithPartners, pushToken);
        }

        record QuietHours(String start, String end, String zone) {
        }

        record Digest(String mode, String at, String zone) {
        }
    }
}
