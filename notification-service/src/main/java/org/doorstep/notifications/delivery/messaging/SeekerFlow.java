package org.doorstep.notifications.delivery.messaging;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

import org.doorstep.notifications.delivery.PreferencesCopy;
import org.doorstep.notifications.delivery.SeekerErasure;
import org.doorstep.notifications.preferences.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seeker flow, {@code copyPreferences}: doorstep.seeker-preferences.v1 kept as the delivery's copy of each
 * seeker's preferences, and erasures (an erased event or a tombstone) carried out. A record that cannot be read
 * throws, so the binder retries it and then parks it in the DLQ; unknown types are skipped (tolerant reader).
 */
@Configuration(proxyBeanMethods = false)
class SeekerFlow {

    private static final Logger log = LoggerFactory.getLogger(SeekerFlow.class);
    static final String PREFERENCES_TYPE = "org.doorstep.seeker.preferences.v1";
    static final String ERASED_TYPE = "org.doorstep.seeker.erased.v1";

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
