package org.doorstep.notifications.application.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.doorstep.notifications.application.ApplicationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deliverApplications}: the packets seekers-service made (doorstep.applications.v1), kept for the partner and
 * queued for its webhook. Tombstones (a withdrawal or erasure, already carried out here) and unknown types are skipped;
 * a record that cannot be read throws, so the binder retries it and then parks it in the DLQ with the reason.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationPacketFlow {

    private static final Logger log = LoggerFactory.getLogger(ApplicationPacketFlow.class);
    static final String SUBMITTED = "org.doorstep.application.submitted.v1";

    @Bean
    Consumer<Message<?>> deliverApplications(ApplicationService applications, JsonMapper json) {
        return message -> {
            Object payload = message.getPayload();
            byte[] data = payload instanceof byte[] bytes && bytes.length > 0 ? bytes
                    : payload instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
            if (data == null) {
                return;
            }
            String type = type(message);
            switch (type) {
                case SUBMITTED -> {
                    JsonNode packet = json.readTree(data);
                    String applicationId = packet.path("applicationId").asString("");
                    if (applicationId.isBlank()) {
                        throw new IllegalArgumentException("applicationId is required");
                    }
                    applications.packetArrived(applicationId, new String(data, StandardCharsets.UTF_8)).block();
                }
                case "" -> throw new IllegalArgumentException("record without ce_type header");
                default -> log.debug("event type {} ignored", type);
            }
        };
    }

    /** The CloudEvents type as sent ({@code ce_type}) or as Spring Cloud Function names it ({@code ce-type}). */
    private static String type(Message<?> message) {
        Object header = message.getHeaders().containsKey("ce_type") ? message.getHeaders().get("ce_type")
                : message.getHeaders().get("ce-type");
        return header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : header == null ? "" : header.toString();
    }
}
