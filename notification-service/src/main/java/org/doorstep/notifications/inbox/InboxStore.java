package org.doorstep.notifications.inbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

/** The seekers' inboxes, one document per match keyed by match id. */
public interface InboxStore {

    /** The stored items with these match ids (expired or not), by match id: one keyed read. */
    Mono<Map<String, InboxItem>> findAll(Collection<String> matchIds);

    /** Writes a batch of changes in one unordered bulk write keyed by match id. */
    Mono<Void> apply(List<InboxChange> changes);

    /** The item if it belongs to this seeker and has not expired at {@code now} (read by match id). */
    Mono<InboxItem> find(String seekerId, String matchId, Instant now);

    /** A page of live (unexpired, not dismissed) items, newest first, after the cursor. */
    Mono<InboxPage> page(String seekerId, String cursor, int size, Instant now);

    /** Records the seeker's feedback on an item the caller has checked is theirs. */
    Mono<Void> markFeedback(String matchId, String feedback);

    Mono<Void> purge(String seekerId);

    /** Deletes items that expired before {@code now}; emits how many. */
    Mono<Long> expire(Instant now);
}
