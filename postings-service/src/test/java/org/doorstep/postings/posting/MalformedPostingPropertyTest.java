package org.doorstep.postings.posting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.model.Filters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.SharedInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws 10,000 generated malformed bodies at the posting endpoints (PUT and the NDJSON batch):
 * never a 5xx, always problem+json (or a 400 result line), and nothing is stored or published.
 * Uses the same Spring context as the other tests, bound without a network hop to stay quick.
 */
class MalformedPostingPropertyTest {

    private static final Set<String> FIELDS = Set.of("externalId", "title", "description", "occupation", "skills",
            "location", "workplace", "employmentType", "salary", "vacancies", "education", "minExperienceYears",
            "targetGroups", "accommodations", "campaignCodes", "validThrough", "languages");
    private static final List<String> REQUIRED = List.of("title", "location", "workplace", "employmentType",
            "validThrough");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final tools.jackson.databind.json.JsonMapper MAPPER =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static WebTestClient http;
    private static ApplicationContext context;
    private static String apiKey;
    private static String partnerId;

    /** Only to obtain the shared Spring context of {@link PostingsServiceTest} from the context cache. */
    static class SharedContext extends PostingsServiceTest {
    }

    @BeforeContainer
    static void startContext() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        System.setProperty("KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers());
        System.setProperty("spring.cloud.stream.kafka.binder.brokers", infrastructure.bootstrapServers());
        System.setProperty("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        System.setProperty("MONGODB_URI", infrastructure.mongoUri());
        System.setProperty("spring.mongodb.uri", infrastructure.mongoUri());
        context = new TestContextManager(SharedContext.class).getTestContext().getApplicationContext();
        http = WebTestClient.bindToApplicationContext(context).configureClient()
                .codecs(c -> c.defaultCodecs().maxInMemorySize(1 << 20)).build();
        var body = MAPPER.readTree(http.post().uri("/api/v1/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PostingsServiceTest.OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Fuzzing board", "contactEmail", "fuzz@board.example"))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        apiKey = body.get("apiKey").stringValue();
        partnerId = body.get("partnerId").stringValue();
    }

    @Property(tries = 10_000)
    void malformedBodyNeverCausesServerErrorAlwaysProblemJsonAndCreatesNothing(@ForAll("malformedBodies") String body,
                                                                              @ForAll("batchOrNot") boolean batch) {
        TRIES.incrementAndGet();
        if (batch) {
            EntityExchangeResult<String> result = http.post().uri("/api/v1/postings:batch")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                    .contentType(MediaType.parseMediaType("application/x-ndjson"))
                    .bodyValue(body)
                    .exchange().expectBody(String.class).returnResult();
            assertThat(result.getStatus().value()).isEqualTo(200);
            String lines = result.getResponseBody() == null ? "" : result.getResponseBody();
            for (String line : lines.split("\n")) {
                if (!line.isBlank()) {
                    assertThat(line).as(body).containsPattern("\"status\":4\\d\\d").contains("\"REJECTED\"");
                }
            }
        } else {
            EntityExchangeResult<byte[]> result = http.put().uri("/api/v1/postings/{id}", "FUZZ-1")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange().expectBody().returnResult();
            assertThat(result.getStatus().is4xxClientError()).as("status %s for %s", result.getStatus(), body)
                    .isTrue();
            assertThat(result.getResponseHeaders().getContentType()).as(body)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @AfterContainer
    static void nothingWasStoredOrPublished() {
        assertThat(TRIES.get()).isGreaterThanOrEqualTo(10_000);
        Long stored = context.getBean(ReactiveMongoTemplate.class).getCollection("postings")
                .flatMap(c -> Mono.from(c.countDocuments(Filters.eq("partnerId", partnerId)))).block();
        assertThat(stored).isZero();
        try (TopicReader postings = TopicReader.of(PostingsServiceTest.POSTINGS_TOPIC)) {
            postings.poll();
            assertThat(postings.poll()).noneMatch(r -> String.valueOf(TopicReader.value(r)).contains(partnerId));
        }
    }

    @Provide
    Arbitrary<Boolean> batchOrNot() {
        return Arbitraries.integers().between(0, 9).map(i -> i == 0);
    }

    @Provide
    Arbitrary<String> malformedBodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, mutatedPostings()),
                net.jqwik.api.Tuple.of(1, truncatedPostings()),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(300)),
                net.jqwik.api.Tuple.of(1, jsonValuesThatAreNotObjects()));
    }

    private Arbitrary<String> mutatedPostings() {
        return mutation().list().ofMinSize(1).ofMaxSize(3).map(mutations -> {
            Map<String, Object> posting = validPosting();
            mutations.forEach(m -> m.accept(posting));
            return write(posting);
        });
    }

    private Arbitrary<String> truncatedPostings() {
        return Arbitraries.integers().between(0, 10_000).map(cut -> {
            String valid = write(validPosting());
            return valid.substring(0, cut % valid.length());
        });
    }

    private Arbitrary<String> jsonValuesThatAreNotObjects() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().alpha().ofMaxLength(20).map(s -> "\"" + s + "\""),
                Arbitraries.of("null", "true", "false", "[]", "[{}]", "[[[[[[[[]]]]]]]]", "1e999999"));
    }

    private interface Mutation extends java.util.function.Consumer<Map<String, Object>> {
    }

    private Arbitrary<Mutation> mutation() {
        Arbitrary<Object> wrongForString = Arbitraries.oneOf(Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.just(true), Arbitraries.just(List.of()), Arbitraries.just(Map.of("x", 1)));
        Arbitrary<Object> anyJson = Arbitraries.oneOf(wrongForString,
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s), Arbitraries.doubles().map(d -> (Object) d));
        return Arbitraries.oneOf(
                Arbitraries.of(REQUIRED).map(field -> (Mutation) p -> p.remove(field)),
                Combinators.combine(Arbitraries.of("title", "workplace", "employmentType", "validThrough"),
                        wrongForString).as((field, value) -> (Mutation) p -> p.put(field, value)),
                Combinators.combine(Arbitraries.of("workplace", "employmentType", "education"),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> s + "_X"))
                        .as((field, value) -> (Mutation) p -> p.put(field, value)),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20)
                        .filter(name -> !FIELDS.contains(name))
                        .flatMap(name -> anyJson.map(value -> (Mutation) p -> p.put(name, value))),
                Arbitraries.oneOf(Arbitraries.doubles().ofScale(4).greaterOrEqual(90.0001), Arbitraries.doubles().ofScale(4).lessOrEqual(-90.0001))
                        .map(lat -> (Mutation) p -> location(p).put("lat", lat)),
                Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(10_001))
                        .map(v -> (Mutation) p -> p.put("vacancies", v)),
                Arbitraries.strings().ofMaxLength(25).filter(s -> !s.matches("\\d{4}-\\d{2}-\\d{2}T.*"))
                        .map(s -> (Mutation) p -> p.put("validThrough", s)),
                Arbitraries.strings().alpha().ofLength(3).map(String::toUpperCase)
                        .filter(c -> !java.util.Currency.getAvailableCurrencies().stream()
                                .anyMatch(cur -> cur.getCurrencyCode().equals(c)))
                        .map(c -> (Mutation) p -> salary(p).put("currency", c)),
                Arbitraries.integers().between(1, 1_000_000).map(extra -> (Mutation) p -> {
                    Map<String, Object> salary = salary(p);
                    salary.put("min", ((Number) salary.get("max")).intValue() + extra);
                }),
                Arbitraries.integers().between(201, 400).map(n -> (Mutation) p -> p.put("title", "t".repeat(n))),
                anyJson.map(value -> (Mutation) p -> p.put("skills", List.of(Map.of("label", "Java", "bogus", value)))),
                Arbitraries.integers().between(51, 80).map(n -> (Mutation) p -> p.put("skills",
                        java.util.Collections.nCopies(n, Map.of("label", "Go", "required", false)))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> location(Map<String, Object> posting) {
        return (Map<String, Object>) posting.compute("location", (k, v) -> v instanceof LinkedHashMap<?, ?> m ? m
                : new LinkedHashMap<>(Map.of("lat", 30.0, "lon", 104.0)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> salary(Map<String, Object> posting) {
        return (Map<String, Object>) posting.compute("salary", (k, v) -> v instanceof LinkedHashMap<?, ?> m ? m
                : new LinkedHashMap<>(Map.of("min", 1000, "max", 2000, "currency", "CNY", "period", "MONTH")));
    }

    private static Map<String, Object> validPosting() {
        Map<String, Object> posting = new LinkedHashMap<>();
        posting.put("externalId", "FUZZ-1");
        posting.put("title", "Fuzzed job");
        posting.put("skills", new ArrayList<>(List.of(Map.of("label", "Java", "required", true))));
        posting.put("location", new LinkedHashMap<>(Map.of("lat", 30.0, "lon", 104.0, "regionCode", "510100")));
        posting.put("workplace", "ONSITE");
        posting.put("employmentType", "FULL_TIME");
        posting.put("salary", new LinkedHashMap<>(Map.of("min", 1000, "max", 2000, "currency", "CNY",
                "period", "MONTH")));
        posting.put("vacancies", 2);
        posting.put("validThrough", java.time.Instant.now().plus(java.time.Duration.ofDays(20)).toString());
        return posting;
    }

    private static String write(Map<String, Object> posting) {
        return MAPPER.writeValueAsString(posting);
    }
}
