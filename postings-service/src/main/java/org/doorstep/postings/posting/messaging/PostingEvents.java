package org.doorstep.postings.posting.messaging;

import java.util.List;
import java.util.UUID;

import org.doorstep.postings.outbox.OutboxEntry;
import org.doorstep.postings.posting.PostingClosed;
import org.doorstep.postings.posting.PostingEvent;
import org.doorstep.postings.posting.PostingUpserted;
import org.doorstep.postings.posting.app.PostingState;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Turns posting events into outbox entries on {@code doorstep.postings.v1}, keyed by postingId. */
@Component
public class PostingEvents {

    public static final String TOPIC = "doorstep.postings.v1";
    public static final String UPSERTED = "org.doorstep.posting.upserted.v1";
    public static final String CLOSED = "org.doorstep.posting.closed.v1";

    private final JsonMapper json;

    PostingEvents(JsonMapper json) {
        this.json = json;
    }

    public List<OutboxEntry> entries(List<PostingEvent> events) {
        return events.stream().map(this::entry).toList();
    }

    private OutboxEntry entry(PostingEvent event) {
        String type = switch (event) {
            case PostingUpserted ignored -> UPSERTED;
            case PostingClosed ignored -> CLOSED;
        };
        var posting = event.posting();
        return new OutboxEntry(UUID.randomUUID().toString(), type, TOPIC, posting.postingId(), posting.postingId(),
                posting.updatedAt(), json.writeValueAsString(PostingState.of(posting)));
    }
}
