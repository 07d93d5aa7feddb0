package org.doorstep.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.doorstep.testkit.EventContract;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire contract in contracts/ is complete, self-consistent and keeps personal data where it belongs. */
class ContractsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PERSONAL = Set.of("displayName", "contact", "email", "phone");
    private static final Set<String> SENSITIVE = Set.of("keyGroups", "accommodationNeeds");
    /** The packet a seeker sends to one partner (doorstep.applications.v1): name and contact only with consent. */
    private static final String APPLICATION_PACKET = "org.doorstep.application.submitted.v1";

    @Test
    void everyEventTypeHasASchemaAnExampleAndAMessageInTheAsyncApiDocument() throws IOException {
        Set<String> messageNames = asyncApiMessageNames();

        assertThat(types()).hasSize(15).allSatisfy(type -> {
            assertThat(EventContract.folder().resolve("examples").resolve(type + ".json")).exists();
            assertThat(messageNames).contains(type);
        });
        assertThat(messageNames).containsExactlyInAnyOrderElementsOf(types());
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() throws IOException {
        for (String type : types()) {
            assertThat(EventContract.violations(type, EventContract.example(type))).as(type).isEmpty();
        }
    }

    @Test
    void everySchemaRejectsUnknownProperties() throws IOException {
        for (String type : types()) {
            String withExtra = ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(EventContract.example(type)))
                    .put("surprise", true).toString();
            assertThat(EventContract.violations(type, withExtra)).as(type).isNotEmpty();
        }
    }

    @Test
    void noEventButTheApplicationPacketCarriesANameOrContactAndOnlySeekerProfilesCarryKeyGroups() throws IOException {
        for (String type : types()) {
            Set<String> fields = fieldNames(JSON.readTree(Files.readString(schema(type))));
            if (!type.equals(APPLICATION_PACKET)) {
                assertThat(fields).as(type).doesNotContainAnyElementsOf(PERSONAL);
            }
            if (!type.equals("org.doorstep.seeker.upserted.v1")) {
                assertThat(fields).as(type).doesNotContainAnyElementsOf(SENSITIVE);
            }
        }
    }

    private static Set<String> fieldNames(JsonNode schema) {
        Set<String> names = new java.util.HashSet<>();
        schema.findParents("properties").forEach(parent -> parent.path("properties").fieldNames().forEachRemaining(names::add));
        return names;
    }

    private static List<String> types() throws IOException {
        try (Stream<Path> files = Files.list(EventContract.folder().resolve("schemas"))) {
            return files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList();
        }
    }

    private static Path schema(String type) {
        return EventContract.folder().resolve("schemas").resolve(type + ".json");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> asyncApiMessageNames() throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(EventContract.folder().resolve("asyncapi.yaml")));
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("messages");
        return messages.values().stream().map(m -> (String) ((Map<String, Object>) m).get("name")).collect(Collectors.toSet());
    }
}
