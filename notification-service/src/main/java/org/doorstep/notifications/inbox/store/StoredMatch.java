package org.doorstep.notifications.inbox.store;

import java.nio.charset.StandardCharsets;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;

/**
 * An inbox item's match as stored: its JSON text as UTF-8 bytes (BSON binary). The local store keeps every
 * document in its heap, where a string with any Chinese character costs two bytes a character; the bytes cost one
 * for the JSON's ASCII and three for a Chinese character, about half for a match with a Chinese title or
 * address (the largest part of an inbox item; a real MongoDB stores both as UTF-8). Items written before hold the
 * text as a string, and before that as a nested document: both are still read.
 */
final class StoredMatch {

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private StoredMatch() {
    }

    static Binary of(String json) {
        return new Binary(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The match's JSON text, however the item stored it. */
    static String json(Object stored) {
        return switch (stored) {
            case Binary bytes -> new String(bytes.getData(), StandardCharsets.UTF_8);
            case Document nested -> nested.toJson(RELAXED);
            default -> (String) stored;
        };
    }
}
