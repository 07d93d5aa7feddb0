package org.doorstep.notifications.inbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The per-seeker, sequence-numbered feed that live streams replay from on (re)connect. Each seeker's
 * feed lists the sequences of their events; an event is stored either as a feed entry keyed by seeker and
 * sequence (withdrawals, digests) or by the inbox item that carries it ({@link FeedEvent#carriedByInbox()}:
 * a match.found), which is written after the feed. Replay sends a listed event only once it is stored,
 * so a number listed by a batch that has not (yet) written its inbox is not replayed.
 */
public interface Feed {

    /**
     * Stores the events the inbox does not carry (a stored one again changes nothing) and lists all of
     * them for replay (a number listed twice is replayed once), and lists the new inbox items for the seekers'
     * inbox pages ({@link InboxStore#page}; an item listed twice is shown once), in the same index documents.
     * Call before writing the inbox items, so that no written item is left unlisted.
     */
    Mono<Void> appendAll(List<FeedEvent> events, List<InboxItem> newItems);

    /** The seeker's retained, stored events after {@code sequence}, in sequence order, each once. */
    Flux<FeedEvent> after(String seekerId, long sequence);

    /**
     * What a stream resuming after {@code sequence} replays, and the number it resumes from: {@code sequence}, or 0
     * when {@code sequence} is beyond every number listed for the seeker, i.e. an id this stream never issued (a stale
     * or foreign one, which would otherwise hold back every event until the numbers passed it): such a stream starts as
     * a new one does, with every retained event (an event is listed before any stream is sent it, so no id a stream was
     * sent is beyond the listed ones). One keyed read.
     */
    default Mono<Replay> replay(String seekerId, long sequence) {
        return after(seekerId, sequence).collectList().map(events -> new Replay(sequence, events));
    }

    /** The events to replay, in sequence order, and the number after which live events are sent. */
    record Replay(long from, List<FeedEvent> events) {
    }

    /**
     * The retained events stored with these keys, wherever they are stored (feed entries and the inbox items that
     * carry match.found events): two keyed reads, however many seekers the keys name.
     */
    Mono<Map<FeedEvent.Key, FeedEvent>> stored(Collection<FeedEvent.Key> keys);

    /** The feed entries stored with these keys (events the inbox carries are not among them). */
    Mono<Map<FeedEvent.Key, FeedEvent>> find(Collection<FeedEvent.Key> keys);

    Mono<Void> purge(String seekerId);

    /** Deletes entries past their retention at {@code now}; emits how many. */
    Mono<Long> expire(Instant now);
}
