package org.doorstep.postings.controls;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The port to the audit trail of operator actions: appended to, never changed; read in time order. */
public interface AuditTrail {

    Mono<AuditEntry> append(AuditEntry entry);

    /** Up to {@code limit} entries after the entry {@code afterEntryId} (null: from the first), oldest first. */
    Flux<AuditEntry> page(String afterEntryId, int limit);
}
