package org.doorstep.notifications.partner.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.doorstep.notifications.partner.Partner;
import org.doorstep.notifications.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/** {@code copyPartner}: keeps the registry copy from {@code doorstep.partners.v1}; a tombstone removes the partner. */
@Configuration(proxyBeanMethods = false)
class PartnerConsumers {

    private static final Logger log = LoggerFactory.getLogger(PartnerConsumers.class);
    static final String UPSERTED_TYPE = "org.doorstep.partner.upserted.v1";

    @Bean
    Consumer<Message<?>> copyPartner(PartnerRegistry registry, JsonMapper json) {
        return message -> {
            Object payload = message.getPayload();
            String type = text(message.getHeaders().get("ce_type"));
            if (!(payload instanceof byte[] data) || data.length == 0) {
                String key = text(message.getHeaders().get("kafka_receivedMessageKey"));
                if (key != null) {
                    registry.remove(key).block();
                }
                return;
            }
            if (type == null) {
                throw new IllegalArgumentException("record without ce_type header");
            }
            if (!UPSERTED_TYPE.equals(type)) {
                log.debug("event type {} ignored", type);
                return;
            }
            PartnerUpserted event = json.readValue(data, PartnerUpserted.class);
            registry.save(new Partner(event.partnerId(), event.name(), event.status(), event.version(),
                    event.apiKeys() == null ? List.of() : event.apiKeys().stream().map(ApiKey::sha256).toList())).block();
        };
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    record PartnerUpserted(String partnerId, String name, String status, long version, List<ApiKey> apiKeys,
                           String updatedAt) {
        PartnerUpserted {
            if (partnerId == null || partnerId.isBlank() || status == null) {
                throw new IllegalArgumentException("partnerId and status are required");
            }
        }
    }

    record ApiKey(String keyId, String sha256) {
    }
}
