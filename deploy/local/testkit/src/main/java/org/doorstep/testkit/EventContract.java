package org.doorstep.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The wire contract of one event type, read from {@code contracts/schemas/<ce_type>.json}. Producers'
 * tests validate what they emit; consumers' tests parse {@code contracts/examples/<ce_type>.json}.
 */
public final class EventContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventContract() {
    }

    /** The contracts folder: system property {@code doorstep.contracts}, else {@code contracts} up the tree. */
    public static Path folder() {
        String configured = System.getProperty("doorstep.contracts");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("contracts/schemas"))) {
                return dir.resolve("contracts");
            }
        }
        throw new IllegalStateException("contracts/ folder not found; set -Ddoorstep.contracts");
    }

    /** Violations of the schema of {@code ceType} by {@code json}; empty when it conforms. */
    public static List<String> violations(String ceType, String json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(ceType, EventContract::load);
        try {
            JsonNode node = JSON.readTree(json);
            return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** The example event of {@code ceType} as JSON text. */
    public static String example(String ceType) {
        try {
            return Files.readString(folder().resolve("examples").resolve(ceType + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String ceType) {
        Path file = folder().resolve("schemas").resolve(ceType + ".json");
        try (InputStream in = Files.newInputStream(file)) {
            return FACTORY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no schema for " + ceType + " at " + file, e);
        }
    }
}
