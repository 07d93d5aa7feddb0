package org.doorstep.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services share no runtime library (each is deployed and changed on its own), so a few classes that solve
 * the same problem stand in every service as copies: the operator identity model (issue 13). The copies must not
 * drift apart: each is the same as the others but for its package and import lines. A change to one is made to
 * all four.
 */
class ServiceCopiesTest {

    private static final List<String> SERVICES = List.of("postings-service", "seekers-service", "matching-service",
            "notification-service");

    @ParameterizedTest
    @ValueSource(strings = {"OperatorTokens.java", "OperatorJwtDecoder.java", "OperatorRoles.java"})
    void everyServiceKeepsTheSameCopy(String file) {
        Map<Path, String> copies = SERVICES.stream()
                .flatMap(service -> find(ServicesUnderTest.projectRoot().resolve(service).resolve("src/main/java"), file))
                .collect(Collectors.toMap(path -> path, ServiceCopiesTest::body));

        assertThat(copies).as("one copy of %s in each service", file).hasSize(SERVICES.size());
        assertThat(copies.values().stream().distinct()).as("the copies of %s, but for package and imports: %s", file,
                copies.keySet()).hasSize(1);
    }

    private static Stream<Path> find(Path sources, String file) {
        try (Stream<Path> all = Files.walk(sources)) {
            return all.filter(path -> path.getFileName().toString().equals(file)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(Path path) {
        try {
            return Files.readAllLines(path).stream().filter(line -> !line.startsWith("package ") && !line.startsWith("import "))
                    .collect(Collectors.joining("\n")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
