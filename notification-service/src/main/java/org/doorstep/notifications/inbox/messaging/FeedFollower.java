package org.doorstep.notifications.inbox.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.LiveFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * {@code followFeed}: one poll of the broadcast topic at a time (batch mode, values left as bytes). Per
 * record, cheapest test first: this instance's own copies are skipped by the {@code doorstep-instance}
 * header (its consumer pushed them already), then records whose key (the seekerId) has no open stream
 * on this instance (nothing would receive them); only what is left is parsed, and the batch's events go
 * to the streams in one call, in record order. An unreadable record is logged and skipped (the stream it
 * was meant for resumes from the store on its next reconnect), the rest of the batch goes on.
 * <p>
 * The topic is derived and not trusted: a record only says "this seeker's event with this number is
 * stored" (or "this seeker was erased": their streams end once the store holds the erasure marker). What goes to the streams is the store's copy of it ({@code stored}: the poll's claimed
 * keys, read in one go), so a record that is not what it claims (a number or a content that was never stored, a
 * key that is not its seekerId, a type no stream sends) reaches no stream and cannot move a stream's
 * position past real events: it is logged and skipped, never dead-lettered (nobody replays a broadcast, and
 * a DLQ would keep seekers' events longer than the topic's short retention). A failure to read the store
 * fails the poll, which the binder retries.
 */
final class FeedFollower implements Consumer<Message<List<byte[]>>> {

    private static final Logger log = LoggerFactory.getLogger(FeedFollower.class);

    private final LiveFeed live;
    private final byte[] instance;
    private final String instanceText;
    private static final Set<String> TYPES = Set.of(FeedEvent.MATCH_FOUND, FeedEvent.MATCH_WITHDRAWN, FeedEvent.DIGEST);
    /** A seeker was erased: their streams end (no event, sequence 0). */
    static final String SEEKER_ERASED = "seeker.erased";

    private final Function<byte[], FeedEvent> reader;
    private final Function<List<FeedEvent>, List<FeedEvent>> stored;
    private final Predicate<String> erased;

    /**
     * {@code stored}: of the claimed events, the store's copies of those it holds (by seeker and sequence);
     * {@code erased}: whether the store holds the seeker's erasure marker.
     */
    FeedFollower(LiveFeed live, byte[] instance, Function<byte[], FeedEvent> reader,
                 Function<List<FeedEvent>, List<FeedEvent>> stored, Predicate<String> erased) {
        this.erased = erased;
        this.live = live;
        this.instance = instance.clone();
        this.instanceText = new String(instance, StandardCharsets.UTF_8);
        this.reader = reader;
        this.stored = stored;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        List<byte[]> values = batch.getPayload();
        List<?> headers = list(batch, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> keys = list(batch, KafkaHeaders.RECEIVED_KEY);
        List<FeedEvent> events = null;
        for (int i = 0; i < values.size(); i++) {
            byte[] data = values.get(i);
            if (data == null || data.length == 0 || own(headers, i)) {
                continue;
            }
            String seekerId = keys == null ? null : text(keys.get(i));
            if (seekerId != null && !live.listening(seekerId)) {
                continue;
            }
            FeedEvent event;
            try {
                event = reader.apply(data);
            } catch (RuntimeException e) {
                log.warn("unreadable record on the feed broadcast topic (key {}) skipped: {}", seekerId, e.toString());
                continue;
            }
            if (SEEKER_ERASED.equals(event.type()) && event.seekerId() != null && event.seekerId().equals(seekerId)) {
                end(seekerId);
                continue;
            }
            if (event.seekerId() == null || seekerId != null && !seekerId.equals(event.seekerId())
                    || !TYPES.contains(event.type()) || event.sequence() <= 0) {
                log.warn("record on the feed broadcast topic (key {}) that is not a feed event of its key skipped", seekerId);
                continue;
            }
            if (events == null) {
                events = new ArrayList<>();
            }
            events.add(event);
        }
        if (events != null) {
            List<FeedEvent> verified = stored.apply(events);
            if (verified.size() < events.size()) {
                log.warn("{} record(s) on the feed broadcast topic name events the store does not hold: skipped",
                        events.size() - verified.size());
            }
            live.publish(verified);
        }
    }

    /** Ends the seeker's streams here if the store confirms the erasure; a claim it does not confirm is skipped. */
    private void end(String seekerId) {
        if (erased.test(seekerId)) {
            live.end(seekerId);
        } else {
            log.warn("record on the feed broadcast topic (key {}) claims an erasure the store does not hold: skipped", seekerId);
        }
    }

    private boolean own(List<?> headers, int index) {
        if (headers == null || !(headers.get(index) instanceof Map<?, ?> record)) {
            return false;
        }
        Object from = record.get(KafkaFeedBroadcast.INSTANCE_HEADER);
        if (from instanceof byte[] bytes) {
            return Arrays.equals(bytes, instance);
        }
        return from != null && from.toString().equals(instanceText);
    }

    private static List<?> list(Message<?> batch, String name) {
        return batch.getHeaders().get(name) instanceof List<?> list ? list : null;
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
