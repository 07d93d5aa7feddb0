package org.doorstep.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/**
 * Every command the service's MongoDB client sends that selects documents by a filter (find, update,
 * delete, findAndModify, count, distinct, aggregate), recorded as it goes out, and the rule that keeps
 * the store fast: a filter is keyed when it is exactly {@code {_id}}, {@code {_id: {$in: [...]}}} or
 * exactly the keys of a unique index (plain values; {@code $in} only on a single-key index). That is
 * when the MongoDB-wire server uses an index; anything else, including {@code $and} of keyed parts and
 * non-unique indexes, scans the collection under its lock, for updates and deletes too.
 * <p>
 * Shared test infrastructure: every service's KeyedStoreAccessTest registers it on its client.
 */
public final class StoreCommands implements CommandListener {

    /** One filter as sent: database, collection, command and the filter document. */
    public record Sent(String database, String collection, String command, BsonDocument filter) {

        public Set<String> keys() {
            return filter.keySet();
        }

        /** The fields the filter names, through {@code $and}: the shape an allowed entry names. */
        public Set<String> fields() {
            Set<String> fields = new java.util.TreeSet<>();
            collect(filter, fields);
            return fields;
        }

        private static void collect(BsonDocument filter, Set<String> fields) {
            filter.forEach((key, value) -> {
                if (key.equals("$and") && value.isArray()) {
                    value.asArray().forEach(part -> collect(part.asDocument(), fields));
                } else {
                    fields.add(key);
                }
            });
        }

        @Override
        public String toString() {
            return command + " " + database + "." + collection + " " + filter.toJson();
        }
    }

    /** A filter shape (the fields it names, through {@code $and}) the check lets through, and why (bounded, or not on a hot path). */
    public record Allowed(String collection, Set<String> fields, String reason) {
    }

    private final Collection<Sent> sent = new ConcurrentLinkedQueue<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        // the event's document reads the driver's buffer, which is released once the listener returns
        BsonDocument command = event.getCommand().clone();
        String name = event.getCommandName();
        String database = event.getDatabaseName();
        switch (name) {
            case "find" -> record(database, command, name, command.getDocument("filter", new BsonDocument()));
            case "count", "distinct" -> record(database, command, name, command.getDocument("query", new BsonDocument()));
            case "findAndModify" -> record(database, command, name, command.getDocument("query", new BsonDocument()));
            case "update" -> statements(command, "updates").forEach(u -> record(database, command, name, u.asDocument().getDocument("q")));
            case "delete" -> statements(command, "deletes").forEach(d -> record(database, command, name, d.asDocument().getDocument("q")));
            case "aggregate" -> record(database, command, name, new BsonDocument("$aggregate", command.getArray("pipeline", new BsonArray())));
            default -> {
                // inserts carry no filter; index and administrative commands select nothing
            }
        }
    }

    private static List<BsonValue> statements(BsonDocument command, String field) {
        return command.containsKey(field) ? command.getArray(field) : List.of();
    }

    private void record(String database, BsonDocument command, String name, BsonDocument filter) {
        String collection = command.get(name).isString() ? command.getString(name).getValue() : "";
        sent.add(new Sent(database, collection, name, filter));
    }

    public List<Sent> sentTo(String database) {
        return sent.stream().filter(s -> s.database().equals(database)).toList();
    }

    /**
     * The filters sent to {@code database} that are not keyed, given each collection's unique index keys
     * ({@code _id} need not be listed), leaving out the allowed shapes.
     */
    public List<Sent> unkeyed(String database, Map<String, List<Set<String>>> uniqueKeys, List<Allowed> allowed) {
        List<Sent> unkeyed = new ArrayList<>();
        for (Sent s : sentTo(database)) {
            if (!keyed(s, uniqueKeys.getOrDefault(s.collection(), List.of()))
                    && allowed.stream().noneMatch(a -> a.collection().equals(s.collection()) && a.fields().equals(s.fields()))) {
                unkeyed.add(s);
            }
        }
        return unkeyed;
    }

    public static boolean keyed(Sent sent, List<Set<String>> uniqueKeys) {
        BsonDocument filter = sent.filter();
        if (filter.keySet().equals(Set.of("_id"))) {
            return plainOrIn(filter.get("_id"));
        }
        for (Set<String> unique : uniqueKeys) {
            if (filter.keySet().equals(unique)) {
                return filter.values().stream().allMatch(v -> unique.size() == 1 ? plainOrIn(v) : !v.isDocument() && !v.isRegularExpression());
            }
        }
        return false;
    }

    private static boolean plainOrIn(BsonValue value) {
        if (value.isDocument()) {
            return value.asDocument().keySet().equals(Set.of("$in"));
        }
        return !value.isRegularExpression(); // a regular expression walks the whole index
    }
}
