package org.doorstep.seekers.seeker.store;

import java.time.Instant;
import java.util.List;

import org.doorstep.seekers.outbox.OutboxMessage;
import org.doorstep.seekers.seeker.ConsentRecord;
import org.doorstep.seekers.seeker.Profile;
import org.doorstep.seekers.seeker.Seeker;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A seeker as stored, with its outbox: the events not yet acknowledged by the broker. After erasure only a
 * stub without personal data remains ({@code erased}, {@code profile} null) until its outbox is published.
 */
@Document(SeekerDocument.COLLECTION)
record SeekerDocument(@Id String id, long version, Profile profile, List<ConsentRecord> consentRecords,
                      Instant createdAt, Instant updatedAt, boolean erased, List<OutboxMessage> outbox) {

    static final String COLLECTION = "seekers";

    static SeekerDocument of(Seeker seeker, List<OutboxMessage> outbox) {
        return new SeekerDocument(seeker.id(), seeker.version(), seeker.profile(), seeker.consentRecords(),
                seeker.createdAt(), seeker.updatedAt(), false, outbox);
    }

    Seeker toSeeker() {
        return new Seeker(id, version, profile, consentRecords, createdAt, updatedAt);
    }
}
