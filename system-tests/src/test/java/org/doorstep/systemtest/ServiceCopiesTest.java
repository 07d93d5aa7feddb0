package org.doorstep.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services share no runtime library (each is deployed and changed on its own), so the classes that solve the
 * same problem stand in every service as copies: the operator identity model (issue 13), the HTTP error plumbing of
 * each service's {@code errors} package, its 401 and 403 answers ({@code ProblemResponses}), the localised problem
 * texts of its {@code i18n} package, the reading of a client's address, the store's timeouts, health and
 * transport in {@code platform/store}, and how its producers are made and its events written ({@code platform/messaging}:
 * CloudEvents through the SDK's Kafka binding, idempotent producers) (issue 14). The copies must not drift apart: each
 * is the same as the others but for its package and import lines. A change to one is made to all of them.
 */
class ServiceCopiesTest {

    private static final List<String> SERVICES = List.of("postings-service", "seekers-service", "matching-service",
            "notification-service");

    @ParameterizedTest
    @ValueSource(strings = {"OperatorTokens.java", "OperatorJwtDecoder.java", "OperatorRoles.java",
            "Problems.java", "ProblemTexts.java", "ProblemWriter.java", "ProblemWebExceptionHandler.java",
            "EmptyErrorProblems.java", "MalformedRequests.java", "InputProblems.java",
            "KeepAliveReads.java", "LingeringClose.java", "ConnectionHandlersConfiguration.java",
            "RequestFirewallConfiguration.java",
            "ProblemResponses.java", "ClientAddresses.java", "IdentityMode.java",
            "StoreProperties.java", "StoreTimeouts.java", "StoreHealthIndicator.java", "MongoTransportConfiguration.java",
            "StoreOutage.java", "KafkaProducers.java", "JsonCloudEvents.java"})
    void everyServiceKeepsTheSameCopy(String file) {
        assertSameCopies(file, SERVICES);
    }

    @Test
    void theServicesWhoseOnlyLimitIsOnFailedAuthenticationsCountThemTheSameWay() {
        // seekers-service's AbuseLimiter also limits registrations, so it is its own
        assertSameCopies("AbuseLimiter.java", List.of("postings-service", "matching-service", "notification-service"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SeekerJwtDecoder.java", "SeekerTokenProperties.java", "LifetimeValidator.java",
            "NotAnOperatorsToken.java"})
    void bothSeekerServicesCheckSeekerTokensWithTheSameCopy(String file) {
        // one seeker-token policy (issue 13): what seekers-service refuses, notification-service refuses too
        assertSameCopies(file, List.of("seekers-service", "notification-service"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"StrictBinding.java", "CrossFieldRules.java", "BodyViolations.java", "MalformedJson.java"})
    void bothServicesThatTakeBodiesFromPeopleAndPartnersValidateThemTheSameWay(String file) {
        // declarative request validation (issue 14): a body bound strictly, every problem named by its path
        assertSameCopies(file, List.of("seekers-service", "postings-service"));
    }

    @Test
    void theServicesThatBindBodiesWithTheCodecBindThemStrictlyTheSameWay() {
        // matching-service and notification-service bind their few bodies with the HTTP codec, as strictly as the
        // two above bind theirs (issue 14), and so does postings-service for its operators' bodies (partners, feed
        // keys, quotas): unknown properties and values of the wrong JSON type named by their path
        assertSameCopies("StrictJsonBodies.java", List.of("matching-service", "notification-service", "postings-service"));
    }

    private static void assertSameCopies(String file, List<String> services) {
        Map<Path, String> copies = services.stream()
                .flatMap(service -> find(ServicesUnderTest.projectRoot().resolve(service).resolve("src/main/java"), file))
                .collect(Collectors.toMap(path -> path, ServiceCopiesTest::body));

        assertThat(copies).as("one copy of %s in each service", file).hasSize(services.size());
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
