package org.doorstep.local;

import java.util.function.Consumer;
import java.util.stream.Stream;

/** A reader of a text/event-stream: collects id, event and data lines and hands over each complete event. */
public final class ServerSentEvents {

    /** One server-sent event; {@code name} is "message" when the stream gave none. */
    public record Event(String id, String name, String data) {
    }

    private final Consumer<Event> sink;
    private String id = "";
    private String name = "message";
    private final StringBuilder data = new StringBuilder();

    public ServerSentEvents(Consumer<Event> sink) {
        this.sink = sink;
    }

    public void consume(Stream<String> lines) {
        lines.forEach(this::line);
    }

    public void line(String line) {
        if (line.isEmpty()) {
            if (!data.isEmpty() || !"message".equals(name)) {
                sink.accept(new Event(id, name, data.toString()));
            }
            name = "message";
            data.setLength(0);
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
            default -> { }
        }
    }
}
