package org.doorstep.postings.outbox;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox inside one collection's aggregate documents, as the relay sees it; each feature's store keeps one. */
public interface PendingOutbox {

    /** The collection's name: a document's lane is its name and id. */
    String name();

    /** The entries document {@code id} still has pending, oldest first (none if there is no such document). */
    Mono<List<OutboxEntry>> pending(Object id);

    /** Removes these acknowledged entries from their documents in one bulk write; entries added meanwhile stay. */
    Mono<Void> markSent(List<Written> sent);

    /** Ids of documents with an entry pending since before {@code cutoff}: a search, for the full sweep only. */
    Flux<Object> pendingBefore(Instant cutoff, int limit);

    /** The entries a write left pending in document {@code id}, and the batch insert that wrote them all (or null). */
    record Written(Object id, List<OutboxEntry> entries, String batch) {
    }
}
