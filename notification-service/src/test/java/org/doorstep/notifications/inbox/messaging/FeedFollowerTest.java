package org.doorstep.notifications.inbox.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.LiveFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code followFeed} does with one poll of the broadcast topic, as the binder hands it over in batch mode. */
class FeedFollowerTest {

    private static final byte[] ME = "instance-b".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "instance-a".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json = JsonMapper.builder().build();
    private final LiveFeed live = new LiveFeed(1000);
    private final AtomicInteger parsed = new AtomicInteger();
    private final Function<byte[], FeedEvent> reader = data -> {
        parsed.incrementAndGet();
        return json.readValue(data, KafkaFeedBroadcast.WireEvent.class).toEvent();
    };
    /** The seekers whose erasure marker the store holds. */
    private final java.util.Set<String> erasedInStore = new java.util.concurrent.CopyOnWriteArraySet<>();
    /** The store holds every event claimed here (FeedBroadcastPoisonTest checks the store's say over the real one). */
    /** The store's copies of what a poll claims: the match JSON the inbox item holds. */
    private final FeedFollower follower = new FeedFollower(live, ME, reader, claimed -> claimed.stream()
            .map(event -> new FeedEvent(event.seekerId(), event.sequence(), event.type(), event.matchId(),
                    "{\"matchId\":\"" + event.matchId() + "\"}", event.at()))
            .toList(), erasedInStore::contains);
    private final List<AutoCloseable> open = new ArrayList<>();

    private final List<byte[]> values = new ArrayList<>();
    private final List<Object> keys = new ArrayList<>();
    private final List<Map<String, Object>> headers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private final java.util.Set<String> completed = new java.util.concurrent.CopyOnWriteArraySet<>();

    private List<FeedEvent> stream(String seekerId) {
        LiveFeed.Listener listener = live.listen(seekerId);
        List<FeedEvent> received = new CopyOnWriteArrayList<>();
        Disposable subscription = listener.events().subscribe(received::add, error -> { }, () -> completed.add(seekerId));
        open.add(listener);
        open.add(subscription::dispose);
        return received;
    }

    private byte[] wire(String seekerId, long sequence) {
        return json.writeValueAsBytes(KafkaFeedBroadcast.WireEvent.of(new FeedEvent(seekerId, sequence, "match.found",
                "m-" + sequence, "{\"matchId\":\"m-" + sequence + "\"}", Instant.ofEpochMilli(1_764_057_600_000L))));
    }

    private void record(String seekerId, Object instanceHeader, byte[] value) {
        values.add(value);
        keys.add(seekerId.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> recordHeaders = new HashMap<>();
        if (instanceHeader != null) {
            recordHeaders.put(KafkaFeedBroadcast.INSTANCE_HEADER, instanceHeader);
        }
        headers.add(recordHeaders);
    }

    private void poll() {
        Message<List<byte[]>> batch = MessageBuilder.<List<byte[]>>withPayload(new ArrayList<>(values))
                .setHeader(KafkaHeaders.RECEIVED_KEY, new ArrayList<>(keys))
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, new ArrayList<>(headers))
                .build();
        values.clear();
        keys.clear();
        headers.clear();
        follower.accept(batch);
    }

    @Test
    void pushesOtherInstancesEventsWithTheStoredSequenceAndSkipsItsOwnBeforeParsing() {
        List<FeedEvent> alice = stream("alice");
        record("alice", OTHER, wire("alice", 5L << 20));
        record("alice", ME, wire("alice", 6L << 20));
        record("alice", new String(ME, StandardCharsets.UTF_8), wire("alice", 7L << 20));
        record("alice", null, wire("alice", 8L << 20));
        poll();

        assertThat(alice).extracting(FeedEvent::sequence).containsExactly(5L << 20, 8L << 20);
        assertThat(alice.get(0)).isEqualTo(new FeedEvent("alice", 5L << 20, "match.found", "m-" + (5L << 20),
                "{\"matchId\":\"m-" + (5L << 20) + "\"}", Instant.ofEpochMilli(1_764_057_600_000L)));
        assertThat(parsed).hasValue(2);
        // the record names the event; what a stream gets is the store's copy
        assertThat(new String(wire("alice", 5L << 20), StandardCharsets.UTF_8)).doesNotContain("data");
    }

    @Test
    void eventsOfSeekersWithoutAStreamHereAreNotParsed() {
        List<FeedEvent> alice = stream("alice");
        record("bob", OTHER, wire("bob", 1L << 20));
        record("alice", OTHER, wire("alice", 2L << 20));
        record("carol", OTHER, "not json at all".getBytes(StandardCharsets.UTF_8));
        poll();

        assertThat(alice).extracting(FeedEvent::sequence).containsExactly(2L << 20);
        assertThat(parsed).hasValue(1);

        // bob opens a stream: his next events are read again
        List<FeedEvent> bob = stream("bob");
        record("bob", OTHER, wire("bob", 3L << 20));
        poll();
        assertThat(bob).extracting(FeedEvent::sequence).containsExactly(3L << 20);
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheRestOfTheBatchStillArrives() {
        List<FeedEvent> alice = stream("alice");
        record("alice", OTHER, "{\"seekerId\":".getBytes(StandardCharsets.UTF_8));
        record("alice", OTHER, new byte[0]);
        record("alice", OTHER, null);
        record("alice", OTHER, wire("alice", 4L << 20));
        poll();

        assertThat(alice).extracting(FeedEvent::sequence).containsExactly(4L << 20);
    }

    @Test
    void anErasureTheStoreConfirmsEndsTheSeekersStreamsHereAndAClaimItDoesNotConfirmEndsNothing() {
        stream("alice");
        stream("bob");
        List<FeedEvent> carol = stream("carol");
        erasedInStore.add("alice");
        record("alice", OTHER, erasure("alice"));
        record("bob", OTHER, erasure("bob"));
        // a record keyed by one seeker cannot end another's streams
        record("carol", OTHER, erasure("alice"));
        record("carol", OTHER, wire("carol", 3L << 20));
        poll();

        assertThat(completed).containsExactly("alice");
        assertThat(live.listening("alice")).isFalse();
        assertThat(live.listening("bob")).isTrue();
        assertThat(carol).extracting(FeedEvent::sequence).containsExactly(3L << 20);
    }

    private byte[] erasure(String seekerId) {
        return json.writeValueAsBytes(new KafkaFeedBroadcast.WireEvent(seekerId, 0, FeedFollower.SEEKER_ERASED, null,
                1_764_057_600_000L));
    }
}
