package org.doorstep.seekers.application.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.doorstep.seekers.application.ApplicationRequest;
import org.doorstep.seekers.application.ApplicationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code submitApplications}: doorstep.application-requests.v1 turned into application packets (requested) or their
 * tombstones (withdrawn). A record that cannot be read throws, so the binder retries it and then parks it in the DLQ
 * with the reason; unknown types are skipped (tolerant reader). Repeats change nothing (keyed by applicationId).
 */
@Configuration(proxyBeanMethods = false)
class ApplicationFlow {

    private static final Logger log = LoggerFactory.getLogger(ApplicationFlow.class);
    static final String REQUESTED = "org.doorstep.application.requested.v1";
    static final String WITHDRAWN = "org.doorstep.application.withdrawn.v1";

    @Bean
    Consumer<Message<byte[]>> submitApplications(ApplicationService applications, JsonMapper json) {
        return message -> {
            byte[] data = message.getPayload();
            String type = type(message);
            if (data == null || data.length == 0) {
                return;
            }
            switch (type) {
                case REQUESTED -> {
                    boolean queued = Boolean.TRUE.equals(applications.submit(
                            json.readValue(data, RequestedV1.class).toRequest()).block());
                    log.debug("application request {}", queued ? "queued" : "repeated or seeker gone");
                }
                case WITHDRAWN -> {
                    WithdrawnV1 withdrawn = json.readValue(data, WithdrawnV1.class);
                    applications.withdraw(require(withdrawn.seekerId(), "seekerId"),
                            require(withdrawn.applicationId(), "applicationId")).block();
                }
                case "" -> throw new IllegalArgumentException("record without ce_type header");
                default -> log.debug("event type {} ignored", type);
            }
        };
    }

    /** Spring Cloud Function hands the CloudEvents attribute over as {@code ce-type} (its canonical form) or as sent. */
    private static String type(Message<byte[]> message) {
        Object header = message.getHeaders().containsKey("ce_type") ? message.getHeaders().get("ce_type")
                : message.getHeaders().get("ce-type");
        return header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : header == null ? "" : header.toString();
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** {@code org.doorstep.application.requested.v1} as on the wire. */
    record RequestedV1(String applicationId, String matchId, String seekerId, String postingId, String partnerId,
                       List<String> share, boolean shareContact, String contactConsentAt, String requestedAt) {

        ApplicationRequest toRequest() {
            Set<ApplicationRequest.SharedField> fields = (share == null ? List.<String>of() : share).stream()
                    .map(f -> ApplicationRequest.SharedField.valueOf(f.toUpperCase(Locale.ROOT)))
                    .collect(Collectors.toSet());
            if (shareContact && contactConsentAt == null) {
                throw new IllegalArgumentException("shareContact without contactConsentAt");
            }
            return new ApplicationRequest(require(applicationId, "applicationId"), require(matchId, "matchId"),
                    require(seekerId, "seekerId"), require(postingId, "postingId"), require(partnerId, "partnerId"),
                    fields, shareContact ? Instant.parse(contactConsentAt) : null,
                    requestedAt == null ? null : Instant.parse(requestedAt));
        }
    }

    record WithdrawnV1(String applicationId, String seekerId, String withdrawnAt) {
    }
}
