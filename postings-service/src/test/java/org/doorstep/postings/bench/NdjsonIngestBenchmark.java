package org.doorstep.postings.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.postings.PostingsApplication;
import org.doorstep.testkit.SharedInfrastructure;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partner ingest, end to end: NDJSON batches over HTTP into postings-service until every event is on
 * {@code doorstep.postings.v1} (validation, MongoDB write with outbox, idempotent acks=all publish,
 * outbox cleanup), against a raw Kafka producer (same settings) sending the same events in the same run.
 * Not a test; run it as documented in the report / README:
 * <pre>
 * ./mvnw -B -o -q -pl postings-service test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp postings-service/target/test-classes:postings-service/target/classes:$(cat postings-service/target/bench.classpath) \
 *     org.doorstep.postings.bench.NdjsonIngestBenchmark [postings, default 20000]
 * </pre>
 */
public final class NdjsonIngestBenchmark {

    private static final String TOPIC = "doorstep.postings.v1";
    private static final String RAW_TOPIC = "bench.raw-producer.v1";
    private static final String OPERATOR = "bench-operator-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 10_000;

    private NdjsonIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.setProperty("doorstep.testkit.noDocker", "true");
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        String kafka = infrastructure.bootstrapServers();
        ConfigurableApplicationContext app = start(infrastructure, kafka);
        try {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String apiKey = registerPartner(http, base);

            if (Boolean.getBoolean("bench.probe")) {
                probe(http, base, apiKey);
                probeParts(app);
            }
            System.out.println("warm-up: 2,000 postings");
            ingest(http, base, apiKey, kafka, 2_000, "WARM");
            System.out.printf("measuring: %,d postings in NDJSON batches of %,d%n", total, BATCH);
            Result api = ingest(http, base, apiKey, kafka, total, "RUN");
            Result raw = rawProducer(kafka, api.events());

            System.out.println();
            System.out.printf("API -> Kafka (NDJSON batch, end to end): %,8.0f postings/s (%,d in %,d ms)%n",
                    api.rate(), api.count(), api.millis());
            System.out.printf("raw Kafka producer (same events, acks=all): %,8.0f events/s (%,d in %,d ms)%n",
                    raw.rate(), raw.count(), raw.millis());
            System.out.printf("ratio API / raw producer: %.3f   (target: API >= 2,000 postings/s: %s)%n",
                    api.rate() / raw.rate(), api.rate() >= 2_000 ? "met" : "NOT met");
        } catch (Exception | Error e) {
            e.printStackTrace();
            app.close();
            System.exit(1);
        }
        app.close();
        System.exit(0);
    }

    /** The service; if it cannot start, the embedded broker's threads would keep the JVM alive: exit. */
    private static ConfigurableApplicationContext start(SharedInfrastructure infrastructure, String kafka) {
        try {
            return new SpringApplication(PostingsApplication.class).run(
                    "--server.port=0",
                    "--spring.mongodb.uri=" + infrastructure.mongoUri(),
                    "--spring.kafka.bootstrap-servers=" + kafka,
                    "--doorstep.operator-token=" + OPERATOR,
                    "--doorstep.rate-limit.limit-for-period=1000000",
                    "--logging.level.root=WARN");
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            throw e;
        }
    }

    record Result(int count, long millis, List<ConsumerRecord<String, byte[]>> events) {
        double rate() {
            return count * 1000.0 / Math.max(1, millis);
        }
    }

    /**
     * Sends {@code count} postings as NDJSON batches (concurrently) and times them until the last result
     * line: a line is written only after its event was acknowledged by Kafka (acks=all), so this is API to
     * Kafka. Then checks on the topic that every event is there.
     */
    private static Result ingest(HttpClient http, String base, String apiKey, String kafka, int count, String prefix)
            throws Exception {
        String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<byte[]> batches = new ArrayList<>();
        for (int from = 0; from < count; from += BATCH) {
            StringBuilder body = new StringBuilder();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                body.append(JSON.writeValueAsString(posting(run + "-" + i, i))).append('\n');
            }
            batches.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        for (byte[] batch : batches) {
            senders.add(Thread.ofPlatform().start(() -> {
                try {
                    HttpResponse<java.util.stream.Stream<String>> response = http.send(HttpRequest.newBuilder(
                                    URI.create(base + "/api/v1/postings:batch"))
                            .header("Authorization", "Bearer " + apiKey)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(),
                            HttpResponse.BodyHandlers.ofLines());
                    response.body().forEach(line -> {
                        if (line.contains("\"status\":201") || line.contains("\"status\":200")) {
                            accepted.incrementAndGet();
                        } else if (!line.isBlank()) {
                            if (rejected.incrementAndGet() < 3) {
                                System.out.println("  rejected: " + line);
                            }
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("  %,d of %,d lines accepted (events acknowledged by Kafka) in %,d ms%n",
                accepted.get(), count, millis);
        if (accepted.get() != count) {
            throw new IllegalStateException(accepted.get() + " of " + count + " lines accepted");
        }
        List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (KafkaConsumer<String, byte[]> c = consumer(kafka)) {
            c.subscribe(List.of(TOPIC));
            while (events.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (new String(r.value(), StandardCharsets.UTF_8).contains("\"externalId\":\"" + run + "-")) {
                        events.add(r);
                    }
                }
            }
        }
        System.out.printf("  %,d events of this run found on %s%n", events.size(), TOPIC);
        if (events.size() < count) {
            throw new IllegalStateException("only " + events.size() + " of " + count + " events on the topic");
        }
        return new Result(count, millis, events);
    }

    /** The same events (value and CloudEvents headers) through a bare idempotent producer, until all are acked. */
    private static Result rawProducer(String kafka, List<ConsumerRecord<String, byte[]>> events) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(RAW_TOPIC);
            ConsumerRecord<String, byte[]> first = events.getFirst();
            producer.send(new ProducerRecord<>(RAW_TOPIC, first.key(), first.value()));
            producer.flush();
            long start = System.nanoTime();
            for (ConsumerRecord<String, byte[]> event : events) {
                List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
                event.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
                producer.send(new ProducerRecord<>(RAW_TOPIC, null, event.key(), event.value(), headers));
            }
            producer.flush();
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(events.size(), millis, List.of());
        }
    }

    /** Latency of single PUTs, one after another: where the time of one posting goes. */
    private static void probe(HttpClient http, String base, String apiKey) throws Exception {
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                String id = "PROBE-" + UUID.randomUUID();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/postings/" + id))
                        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(posting(id, i)).replace(
                                "\"externalId\":\"" + id + "\",", ""))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException(r.body());
                }
            }
            System.out.printf("  probe: single PUT %,.1f ms on average%n", (System.nanoTime() - start) / 20 / 1e6);
        }
    }

    private static void probeParts(ConfigurableApplicationContext app) {
        var publisher = app.getBean(org.doorstep.postings.outbox.EventPublisher.class);
        var mongo = app.getBean(org.springframework.data.mongodb.core.ReactiveMongoTemplate.class);
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                publisher.send(new org.doorstep.postings.outbox.OutboxEntry(UUID.randomUUID().toString(), "probe",
                        RAW_TOPIC, "k" + i, "s", Instant.now(), "{}")).block();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                mongo.getCollection("postings").flatMap(c -> reactor.core.publisher.Mono.from(
                        c.find(new org.bson.Document("partnerId", "x").append("externalId", "y")).first())).block();
            }
            long t2 = System.nanoTime();
            System.out.printf("  probe: kafka send+ack %,.1f ms, mongo find %,.1f ms%n", (t1 - t0) / 20 / 1e6,
                    (t2 - t1) / 20 / 1e6);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String kafka) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String registerPartner(HttpClient http, String base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/partners"))
                .header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Benchmark board\",\"contactEmail\":\"bench@board.example\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration failed: " + response.body());
        }
        return JSON.readTree(response.body()).get("apiKey").stringValue();
    }

    private static Map<String, Object> posting(String externalId, int i) {
        String[][] cities = {{"510100", "30.57", "104.07"}, {"110000", "39.90", "116.40"},
                {"310000", "31.23", "121.47"}, {"440100", "23.13", "113.26"}, {"420100", "30.59", "114.31"}};
        String[] city = cities[i % cities.length];
        Map<String, Object> posting = new LinkedHashMap<>();
        posting.put("externalId", externalId);
        posting.put("title", (i % 2 == 0 ? "Java backend developer " : "仓库管理员 Warehouse keeper ") + i);
        posting.put("description", "Join the team building services for the public employment platform. ".repeat(4));
        posting.put("occupation", i % 2 == 0 ? "2512" : "4321");
        posting.put("skills", List.of(Map.of("label", "Java", "required", true), Map.of("label", "SQL", "required", true),
                Map.of("label", "Kafka", "required", false)));
        posting.put("location", Map.of("lat", Double.parseDouble(city[1]) + (i % 100) / 1000.0,
                "lon", Double.parseDouble(city[2]), "regionCode", city[0]));
        posting.put("workplace", "ONSITE");
        posting.put("employmentType", "FULL_TIME");
        posting.put("salary", Map.of("min", 6000 + i % 5000, "max", 12000 + i % 5000, "currency", "CNY",
                "period", "MONTH"));
        posting.put("vacancies", 1 + i % 20);
        posting.put("education", "SECONDARY");
        posting.put("targetGroups", List.of("MIGRANT_WORKER"));
        posting.put("validThrough", Instant.now().plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        posting.put("languages", List.of("zh"));
        return posting;
    }
}
