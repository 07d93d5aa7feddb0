package org.doorstep.matching.messaging;

import java.nio.charset.StandardCharsets;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CloudEvents in Kafka binary mode: the type from {@code ce_type} (raw UTF-8 bytes), the data
 * from the value. A null value (tombstone) comes back as {@code null}; a value that is not the
 * expected JSON throws {@link UnreadableEvent}.
 */
@Component
class EventReader {

    private final JsonMapper json;

    EventReader(JsonMapper json) {
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    PostingEvent posting(Message<?> message) {
        byte[] value = value(message);
        if (value == null) {
            return null;
        }
        PostingState state = read(value, PostingState.class);
        if (state.postingId() == null || state.title() == null || state.location() == null) {
            throw new UnreadableEvent("posting event without postingId, title or location", null);
        }
        String type = header(message, "ce_type");
        boolean closed = PostingEvent.CLOSED.equals(type) || "CLOSED".equals(state.status());
        return closed ? new PostingEvent.PostingClosed(state) : new PostingEvent.PostingUpserted(state);
    }

    SeekerEvent seeker(Message<?> message) {
        byte[] value = value(message);
        if (value == null) {
            String key = key(message);
            return key == null ? null : new SeekerEvent.SeekerErased(key, null);
        }
        String type = header(message, "ce_type");
        if (SeekerEvent.ERASED.equals(type)) {
            SeekerEvent.SeekerErased erased = read(value, SeekerEvent.SeekerErased.class);
            require(erased.seekerId(), "seekerId");
            return erased;
        }
        SeekerState state = read(value, SeekerState.class);
        require(state.seekerId(), "seekerId");
        return new SeekerEvent.SeekerUpserted(state);
    }

    FeedbackEvent feedback(Message<?> message) {
        byte[] value = value(message);
        if (value == null) {
            return null;
        }
        String type = header(message, "ce_type");
        if (FeedbackEvent.OUTCOME.equals(type)) {
            FeedbackEvent.MatchOutcome outcome = read(value, FeedbackEvent.MatchOutcome.class);
            require(outcome.matchId(), "matchId");
            require(outcome.outcome(), "outcome");
            return outcome;
        }
        FeedbackEvent.MatchDismissed data = read(value, FeedbackEvent.MatchDismissed.class);
        require(data.seekerId(), "seekerId");
        require(data.postingId(), "postingId");
        if (FeedbackEvent.APPLIED.equals(type)) {
            return new FeedbackEvent.MatchApplied(data.matchId(), data.seekerId(), data.postingId(), data.at());
        }
        return data;
    }

    private <T> T read(byte[] value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new UnreadableEvent("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new UnreadableEvent("missing " + field, null);
        }
    }

    private static byte[] value(Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null; // KafkaNull: a tombstone
    }

    static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private static String key(Message<?> message) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return key == null ? null : key.toString();
    }
}
