package org.doorstep.seekers.seeker.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.doorstep.seekers.seeker.ConsentRecord;
import org.doorstep.seekers.seeker.Profile;
import org.doorstep.seekers.seeker.Seeker;

/**
 * The seeker's own view of their profile: every profile field (as sent in PUT) plus the read-only
 * {@code seekerId}, {@code version}, {@code createdAt}, {@code updatedAt} and {@code consentRecords}.
 */
record SeekerView(String seekerId, long version, Instant createdAt, Instant updatedAt,
                  @JsonUnwrapped Profile profile, List<ConsentRecordView> consentRecords) {

    static SeekerView of(Seeker seeker) {
        return new SeekerView(seeker.id(), seeker.version(), seeker.createdAt(), seeker.updatedAt(), seeker.profile(),
                seeker.consentRecords().stream().map(ConsentRecordView::of).toList());
    }

    /** Who gave or withdrew which consent, when, for what, and through which request. */
    record ConsentRecordView(ConsentRecord.ConsentPurpose purpose, String description, boolean given, String by,
                             Instant at, String via) {
        static ConsentRecordView of(ConsentRecord r) {
            return new ConsentRecordView(r.purpose(), r.purpose().description(), r.given(), r.by(), r.at(), r.via());
        }
    }
}
