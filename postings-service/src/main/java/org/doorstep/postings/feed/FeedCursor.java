package org.doorstep.postings.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a reader of the feed stands: the next offset to read in each partition of the postings topic. Opaque to
 * clients (base64url of {@code partition:offset,...}); a partition that is not named is read from its start, so the
 * empty cursor is the snapshot.
 */
public record FeedCursor(Map<Integer, Long> offsets) {

    private static final int MAX_LENGTH = 1_000;

    public FeedCursor {
        offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    public static FeedCursor start() {
        return new FeedCursor(Map.of());
    }

    public long offset(int partition) {
        return offsets.getOrDefault(partition, 0L);
    }

    public FeedCursor with(int partition, long nextOffset) {
        Map<Integer, Long> next = new TreeMap<>(offsets);
        next.put(partition, nextOffset);
        return new FeedCursor(next);
    }

    public String encode() {
        String plain = offsets.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; absent or blank is the start. */
    public static FeedCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return start();
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new FeedCursorInvalid();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<Integer, Long> offsets = new TreeMap<>();
            if (!plain.isEmpty()) {
                for (String part : plain.split(",", -1)) {
                    String[] pair = part.split(":", -1);
                    if (pair.length != 2) {
                        throw new FeedCursorInvalid();
                    }
                    int partition = Integer.parseInt(pair[0]);
                    long offset = Long.parseLong(pair[1]);
                    if (partition < 0 || offset < 0 || offsets.put(partition, offset) != null) {
                        throw new FeedCursorInvalid();
                    }
                }
            }
            return new FeedCursor(offsets);
        } catch (IllegalArgumentException e) {
            throw new FeedCursorInvalid();
        }
    }
}
