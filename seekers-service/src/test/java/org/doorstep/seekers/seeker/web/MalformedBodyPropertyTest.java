package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.SharedInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.reactive.server.HttpHandlerConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throws 10,000 generated malformed bodies (1,000 tries of 10 concurrent requests) at the profile endpoints (POST /api/v1/seekers, PUT and PATCH
 * /api/v1/seekers/me): every answer is a 400 problem+json, never a 5xx, and nothing is stored or published.
 * jqwik runs this class outside JUnit Jupiter, so it joins the same cached Spring context by hand.
 */
class MalformedBodyPropertyTest extends SeekersServiceTest {

    private static final String BASE_PROFILE = FULL_PROFILE;
    private static final int TRIES = 1_000;
    private static final int BATCH = 10;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ApplicationContext context;

    /** Bound to the application's handler and filters (security included) without a socket: 10,000 calls stay fast. */
    private WebClient direct;
    private final AtomicLong sent = new AtomicLong();
    private long startedNanos;
    private long startedCpuNanos;

    private Registered victim;
    private long seekersBefore;

    @BeforeProperty
    void joinTheSpringContext() throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        System.setProperty("KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers());
        System.setProperty("spring.cloud.stream.kafka.binder.brokers", infrastructure.bootstrapServers());
        System.setProperty("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        System.setProperty("MONGODB_URI", infrastructure.mongoUri());
        System.setProperty("spring.mongodb.uri", infrastructure.mongoUri());
        new TestContextManager(getClass()).prepareTestInstance(this);
        direct = WebClient.builder()
                .clientConnector(new HttpHandlerConnector(WebHttpHandlerBuilder.applicationContext(context).build()))
                .build();
        victim = register("{}");
        seekersBefore = liveSeekers();
        startedNanos = System.nanoTime();
        startedCpuNanos = processCpuNanos();
    }

    /** One request of a batch: where it goes and the malformed body it carries. */
    record Attempt(HttpMethod method, String body) {
    }

    private record Outcome(Attempt attempt, int status, MediaType contentType, String body) {
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void malformedProfileBodiesAreRefusedWithProblemJsonAndChangeNothing(@ForAll("batches") List<Attempt> batch) {
        // a batch goes out concurrently, as many apps would send it; each answer is checked on its own
        List<Outcome> outcomes = Flux.fromIterable(batch).flatMap(this::send, BATCH)
                .collectList().block(Duration.ofSeconds(120));

        assertThat(outcomes).hasSize(batch.size());
        for (Outcome outcome : outcomes) {
            assertThat(outcome.status()).as("status for %s %s", outcome.attempt().method(), outcome.attempt().body())
                    .isEqualTo(400);
            assertThat(outcome.contentType()).as("content type for %s", outcome.attempt().body()).isNotNull()
                    .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            JsonNode problem = JSON.readTree(outcome.body());
            assertThat(problem.get("type").stringValue()).isEqualTo("https://doorstep.example/problems/validation");
            assertThat(problem.get("errors").isEmpty()).isFalse();
        }
        sent.addAndGet(outcomes.size());
    }

    private Mono<Outcome> send(Attempt attempt) {
        WebClient.RequestBodySpec request = switch (attempt.method().name()) {
            case "POST" -> direct.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON);
            case "PUT" -> direct.put().uri("/api/v1/seekers/me").contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + victim.token());
            default -> direct.patch().uri("/api/v1/seekers/me").contentType(MediaType.parseMediaType(MERGE_PATCH))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + victim.token());
        };
        return request.bodyValue(attempt.body()).exchangeToMono(response -> response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> new Outcome(attempt, response.statusCode().value(),
                        response.headers().contentType().orElse(null), body)));
    }

    @AfterProperty
    void nothingWasStoredOrPublished() {
        System.out.printf("malformed bodies: %,d sent in %.1f s wall, %.1f s CPU of this JVM%n", sent.get(),
                (System.nanoTime() - startedNanos) / 1e9, (processCpuNanos() - startedCpuNanos) / 1e9);
        assertThat(sent.get()).isGreaterThanOrEqualTo(TRIES * BATCH);
        assertThat(liveSeekers()).isEqualTo(seekersBefore);
        assertThat(me(victim).get("version").asLong()).isEqualTo(1);
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            awaitEvent(seekers, UPSERTED, victim.seekerId(), 1);
            assertThat(seekers.forKey(victim.seekerId())).hasSize(1);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long liveSeekers() {
        return mongo.count(query(where("erased").is(false)), "seekers").block();
    }

    @Provide
    Arbitrary<List<Attempt>> batches() {
        return Combinators.combine(endpoints(), malformedBodies()).as(Attempt::new).list().ofSize(BATCH);
    }

    private Arbitrary<HttpMethod> endpoints() {
        return Arbitraries.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    }

    private Arbitrary<String> malformedBodies() {
        return Arbitraries.<String>frequencyOf(
                weighted(5, invalidValues()),
                weighted(2, unknownProperties()),
                weighted(2, truncated()),
                weighted(1, trailingGarbage()),
                weighted(1, notAnObject()),
                weighted(1, garbage()),
                weighted(1, Arbitraries.of("{\"remoteOk\": true, \"remoteOk\": false}", "", " ", "{\"a\":1}{}")));
    }

    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends String>> weighted(int weight, Arbitrary<String> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }

    /** The full profile with one to three fields set to a value that breaks a rule. */
    private Arbitrary<String> invalidValues() {
        Arbitrary<Map.Entry<String, String>> mutation = Arbitraries.of(BAD_VALUES.entrySet().stream()
                        .flatMap(e -> e.getValue().stream().map(v -> Map.entry(e.getKey(), v))).toList());
        return mutation.list().ofMinSize(1).ofMaxSize(3).map(mutations -> {
            ObjectNode profile = (ObjectNode) JSON.readTree(BASE_PROFILE);
            for (Map.Entry<String, String> m : mutations) {
                set(profile, m.getKey(), JSON.readTree(m.getValue()));
            }
            return profile.toString();
        });
    }

    private Arbitrary<String> unknownProperties() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '-', '$', '中')
                .ofMinLength(1).ofMaxLength(12).map(s -> "x" + s);
        Arbitrary<String> where = Arbitraries.of("", "contact", "location", "consent", "notifications",
                "notifications.quietHours", "notifications.digest", "salaryExpectation");
        return Combinators.combine(name, where).as((n, w) -> {
            ObjectNode profile = (ObjectNode) JSON.readTree(BASE_PROFILE);
            set(profile, w.isEmpty() ? n : w + "." + n, JSON.getNodeFactory().booleanNode(true));
            return profile.toString();
        });
    }

    private Arbitrary<String> truncated() {
        return Arbitraries.integers().between(1, BASE_PROFILE.strip().length() - 1)
                .map(end -> BASE_PROFILE.strip().substring(0, end));
    }

    private Arbitrary<String> trailingGarbage() {
        return Arbitraries.of("x", "}", "]", "{}", "[]", "1", "\"a\"", ",").map(tail -> BASE_PROFILE + tail);
    }

    private Arbitrary<String> notAnObject() {
        return Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().alpha().ofMaxLength(10).map(s -> "\"" + s + "\""),
                Arbitraries.of("[]", "[{}]", "true", "false", "null", "[" + BASE_PROFILE + "]"));
    }

    private Arbitrary<String> garbage() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(60).map(s -> "{\"" + s);
    }

    /** Sets a dotted path, creating objects on the way. */
    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static final Map<String, List<String>> BAD_VALUES = badValues();

    private static Map<String, List<String>> badValues() {
        Map<String, List<String>> bad = new java.util.LinkedHashMap<>();
        bad.put("displayName", List.of("42", "true", "{}", "[]", "\"\"", "\"   \"", "\"" + "x".repeat(101) + "\"", "\"a\\u0001b\""));
        bad.put("contact", List.of("\"x\"", "1", "[]"));
        bad.put("contact.email", List.of("\"not-an-email\"", "5", "\"\""));
        bad.put("contact.phone", List.of("\"call me\"", "true"));
        bad.put("location", List.of("\"here\"", "1", "[]"));
        bad.put("location.lat", List.of("91", "-90.5", "\"30\"", "true", "null", "1e400"));
        bad.put("location.lon", List.of("181", "\"x\"", "-1000"));
        bad.put("location.regionCode", List.of("\"with space\"", "5"));
        bad.put("maxDistanceKm", List.of("-1", "20001", "\"10\"", "true"));
        bad.put("remoteOk", List.of("\"yes\"", "1", "{}"));
        bad.put("desiredOccupations", List.of("\"2512\"", "{}", "[1]", "[\"\"]", "[null]",
                "[" + String.join(",", java.util.Collections.nCopies(21, "\"2512\"")) + "]"));
        bad.put("skills", List.of("{}", "\"Java\"", "[{}]", "[{\"level\":\"GURU\",\"label\":\"x\"}]", "[{\"label\":5}]",
                "[null]", "[{\"label\":\"Java\",\"years\":3}]", "[{\"escoUri\":\"ftp://x\"}]"));
        bad.put("education", List.of("\"KINDERGARTEN\"", "3", "\"bachelor\""));
        bad.put("experienceYears", List.of("-1", "81", "\"2\""));
        bad.put("salaryExpectation", List.of("{\"min\":1}", "{\"min\":-1,\"currency\":\"CNY\",\"period\":\"MONTH\"}",
                "{\"min\":1,\"currency\":\"cny\",\"period\":\"MONTH\"}", "{\"min\":1,\"currency\":\"CNY\",\"period\":\"FORTNIGHT\"}",
                "100"));
        bad.put("employmentTypes", List.of("[\"FULL_TIME\",\"FULL_TIME\"]", "[\"CONTRACT\"]", "\"FULL_TIME\""));
        bad.put("languages", List.of("[\"Chinese\"]", "[1]", "\"zh\""));
        bad.put("keyGroups", List.of("[\"VETERAN\"]", "\"DISABLED\"", "[null]"));
        bad.put("accommodationNeeds", List.of("[\"JETPACK\"]", "{}"));
        bad.put("consent", List.of("\"yes\"", "{\"keyGroups\":\"yes\"}", "{\"marketing\":true}"));
        bad.put("consent.shareWithPartners", List.of("1", "\"true\""));
        bad.put("notifications", List.of("\"all\"", "{\"channels\":[\"SMS\"]}", "{\"channels\":\"STREAM\"}",
                "{\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\",\"zone\":\"Asia/Shanghai\"}}",
                "{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"zone\":\"Mars/Base\"}}",
                "{\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\",\"zone\":\"UTC\"}}",
                "{\"quietHours\":{\"start\":\"22:00\"}}", "{\"maxPerDay\":-1}", "{\"maxPerDay\":1.5}",
                "{\"maxPerDay\":1001}", "{\"digest\":{\"mode\":\"WEEKLY\"}}", "{\"digest\":{\"mode\":\"DAILY\"}}",
                "{\"digest\":{\"mode\":\"NONE\",\"at\":\"18:00\"}}", "{\"minScore\":1.5}", "{\"minScore\":\"high\"}",
                "{\"pushToken\":5}", "{\"sms\":true}", "{\"channels\":[\"PUSH\",\"PUSH\"]}"));
        bad.put("notifications.digest.zone", List.of("\"+08:00\"", "\"Nowhere/City\""));
        bad.put("notifications.quietHours.zone", List.of("\"\"", "7"));
        return bad;
    }
}
