package org.doorstep.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records, while a test asks it to, every filter the service sends to MongoDB (find, update, delete,
 * findAndModify, count, aggregate), so a test can check that a path only ever reads and writes by key.
 */
public final class MongoCommands implements CommandListener {

    private static final Set<String> FILTERED = Set.of("find", "update", "delete", "findAndModify", "count", "aggregate",
            "distinct");

    /** One filter sent: the command, its collection and the filter (a pipeline counts as unkeyed). */
    public record Sent(String command, String collection, BsonDocument filter) {

        /** {@code {_id: v}} or {@code {_id: {$in: [...]}}}: what the MongoDB-wire server answers from its index. */
        public boolean keyed() {
            return keyedBy("_id");
        }

        /**
         * {@code {field: v}} or {@code {field: {$in: [...]}}} and nothing else: answered from the index when
         * {@code field} is {@code _id} or the only key of a unique index.
         */
        public boolean keyedBy(String field) {
            if (filter == null || !filter.keySet().equals(Set.of(field))) {
                return false;
            }
            BsonValue id = filter.get(field);
            return !id.isDocument() || id.asDocument().keySet().equals(Set.of("$in"));
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean recording;

    public void start() {
        sent.clear();
        recording = true;
    }

    public List<Sent> stop() {
        recording = false;
        return new ArrayList<>(sent);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!recording || !FILTERED.contains(event.getCommandName())) {
            return;
        }
        // the event's document lives in a network buffer that is released after the call: copy it
        BsonDocument command = BsonDocument.parse(event.getCommand().toJson());
        String collection = command.getString(event.getCommandName()).getValue();
        switch (event.getCommandName()) {
            case "find", "count", "distinct" -> sent.add(new Sent(event.getCommandName(), collection,
                    command.containsKey("filter") ? command.getDocument("filter")
                            : command.containsKey("query") ? command.getDocument("query") : new BsonDocument()));
            case "findAndModify" -> sent.add(new Sent("findAndModify", collection, command.getDocument("query")));
            case "update" -> command.getArray("updates").forEach(update ->
                    sent.add(new Sent("update", collection, update.asDocument().getDocument("q"))));
            case "delete" -> command.getArray("deletes").forEach(delete ->
                    sent.add(new Sent("delete", collection, delete.asDocument().getDocument("q"))));
            default -> sent.add(new Sent(event.getCommandName(), collection, null));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        MongoCommands mongoCommands() {
            return new MongoCommands();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer recordMongoCommands(MongoCommands commands) {
            return builder -> builder.addCommandListener(commands);
        }
    }
}
