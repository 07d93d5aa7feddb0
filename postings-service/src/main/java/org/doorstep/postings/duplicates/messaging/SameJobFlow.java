package org.doorstep.postings.duplicates.messaging;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.doorstep.postings.duplicates.SameJob;
import org.doorstep.postings.duplicates.app.DuplicatesService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code recordDuplicates}: matching-service's notices of postings that are the same job as others
 * ({@code doorstep.posting-duplicates.v1}), kept for the postings' partners. A record that is not a valid notice goes to
 * the binding's dead-letter topic with the reason (the binder's, {@code x-exception-message}); a tombstone changes
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
class SameJobFlow {

    @Bean
    Consumer<Message<byte[]>> recordDuplicates(JsonMapper json, DuplicatesService duplicates) {
        ObjectReader reader = json.readerFor(Notice.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return message -> {
            if (!(message.getPayload() instanceof byte[] value) || value.length == 0) {
                return;
            }
            Notice notice;
            try {
                notice = reader.readValue(value);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("not a posting.duplicates.v1 notice: " + e.getOriginalMessage(), e);
            }
            if (notice.postingId() == null || notice.postingId().isBlank() || notice.partnerId() == null
                    || notice.partnerId().isBlank() || notice.at() == null) {
                throw new IllegalArgumentException("posting.duplicates.v1 notice without postingId, partnerId or at");
            }
            duplicates.record(new SameJob(notice.postingId(), notice.partnerId(), notice.sameJobAs(), notice.at())).block();
        };
    }

    /** The record as it is on the wire. */
    record Notice(String postingId, String partnerId, List<String> sameJobAs, Instant at) {
    }
}
