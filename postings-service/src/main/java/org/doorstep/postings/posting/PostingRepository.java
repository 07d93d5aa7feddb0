package org.doorstep.postings.posting;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where postings live, together with the events still to be published (outbox inside the document); a write
 * is the commit point, and its events are published in the background. Writes are conditional on the version
 * read: empty when someone else won.
 */
public interface PostingRepository {

    Mono<Posting> find(String partnerId, String externalId);

    /** Inserts a new posting with its first events; empty if one with its partner and externalId appeared meanwhile. */
    Mono<Posting> insert(Posting posting, List<PostingEvent> events);

    /** Writes the new state and appends its events if the posting is still at {@code expectedVersion}; else empty. */
    Mono<Posting> update(long expectedVersion, Posting posting, List<PostingEvent> events);

    /**
     * Inserts new postings with their first events in one round trip, then publishes them in one burst and waits
     * for the broker. Returns the postings written; one that appeared meanwhile is left out, for the caller to retry.
     */
    Mono<List<Posting>> insertAll(List<Revision> created);

    /** A page of a partner's postings ordered by externalId, after {@code afterExternalId} (exclusive). */
    Flux<Posting> page(String partnerId, PostingStatus status, String afterExternalId, int limit);

    /** Open postings whose validThrough is before {@code now}: a search, for the expiry job only. */
    Flux<Posting> expired(Instant now, int limit);

    /** These postings, read by {@code _id}. */
    Flux<Posting> byIds(List<String> postingIds);
}
