package org.doorstep.postings.partner.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.doorstep.postings.outbox.OutboxEntry;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.PartnerEvent;
import org.doorstep.postings.partner.PartnerUpserted;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Turns partner events into outbox entries: {@code org.doorstep.partner.upserted.v1} on {@code doorstep.partners.v1}. */
@Component
public class PartnerEvents {

    static final String TOPIC = "doorstep.partners.v1";
    static final String UPSERTED = "org.doorstep.partner.upserted.v1";

    private final JsonMapper json;

    PartnerEvents(JsonMapper json) {
        this.json = json;
    }

    public List<OutboxEntry> entries(List<PartnerEvent> events) {
        return events.stream().map(this::entry).toList();
    }

    private OutboxEntry entry(PartnerEvent event) {
        return switch (event) {
            case PartnerUpserted upserted -> {
                Partner p = upserted.partner();
                yield new OutboxEntry(UUID.randomUUID().toString(), UPSERTED, TOPIC, p.partnerId(), p.partnerId(),
                        p.updatedAt(), json.writeValueAsString(data(p)));
            }
        };
    }

    record KeyData(String keyId, String sha256) {
    }

    record PartnerUpsertedData(String partnerId, String name, String status, long version, List<KeyData> apiKeys,
                               Instant updatedAt) {
    }

    private static PartnerUpsertedData data(Partner p) {
        return new PartnerUpsertedData(p.partnerId(), p.name(), p.status().name(), p.version(),
                p.apiKeys().stream().map(k -> new KeyData(k.keyId(), k.sha256())).toList(), p.updatedAt());
    }
}
