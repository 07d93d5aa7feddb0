package org.doorstep.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.local.DoorstepService;
import org.doorstep.local.ServerSentEvents;
import org.doorstep.testkit.SharedInfrastructure;

/**
 * DESIGN section 8, first row: from "posting accepted" (HTTP 201 at the partner) to "match delivered
 * on the seeker's live stream", with every service and the broker on this machine, N indexed seekers
 * and postings arriving at a fixed rate. The baseline, measured in the same run at the same rate, is a
 * bare Kafka produce-to-consume round trip on the same broker: the floor any event path has here.
 * <p>
 * Run (from the project root, after {@code ./mvnw -B -DskipTests install}):
 * {@code ./mvnw -B -o -pl system-tests test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.doorstep.systemtest.DeliveryLatencyBenchmark -Dseekers=100000 -Drate=50 -Dseconds=60}
 */
public final class DeliveryLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] CITIES = {
            {"30.5728", "104.0668", "510100"}, {"39.9042", "116.4074", "110000"}, {"31.2304", "121.4737", "310000"},
            {"22.5431", "114.0579", "440300"}, {"23.1291", "113.2644", "440100"}, {"30.5928", "114.3055", "420100"},
            {"34.3416", "108.9398", "610100"}, {"30.2741", "120.1551", "330100"}, {"29.5630", "106.5516", "500000"},
            {"34.7466", "113.6254", "410100"}, {"25.0389", "102.7183", "530100"}, {"36.0611", "103.8343", "620100"}};
    private static final String[] SKILLS = {"Java", "SQL", "Python", "Linux", "Welding", "Driving", "Customer service",
            "Cooking", "Nursing", "Accounting", "Excel", "Sales", "Teaching", "Elderly care", "Construction",
            "Electrical wiring", "Warehouse operations", "Logistics", "JavaScript", "Communication", "First aid",
            "Cleaning", "Security", "Agriculture", "Graphic design", "Machine learning", "Software testing",
            "Vehicle maintenance", "Forklift operation", "Safety regulations"};

    private final int seekers = Integer.getInteger("seekers", 100_000);
    private final int rate = Integer.getInteger("rate", 50);
    private final int seconds = Integer.getInteger("seconds", 60);
    private final int watchedCount = Integer.getInteger("watched", 24);
    private final Random random = new Random(20261125L);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    private ServicesUnderTest services;

    public static void main(String[] args) throws Exception {
        new DeliveryLatencyBenchmark().run();
        System.exit(0);
    }

    private record Watched(String seekerId, String token, double lat, double lon, List<String> skills) {
    }

    void run() throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        services = ServicesUnderTest.get();
        System.out.printf("services up; loading %,d seekers onto doorstep.seekers.v1%n", seekers);
        long loadStart = System.nanoTime();
        loadSeekers(infrastructure.bootstrapServers());
        System.out.printf("loaded %,d seekers in %.1f s%n", seekers, (System.nanoTime() - loadStart) / 1e9);

        String partnerKey = new PlatformClient(services).registerPartner();
        List<Watched> watched = new ArrayList<>();
        for (int i = 0; i < watchedCount; i++) {
            watched.add(registerWatched());
        }
        watched.forEach(this::listen);

        System.out.println("warming up until every watched seeker has received a match (the index has caught up) ...");
        long warmStart = System.nanoTime();
        for (Watched w : watched) {
            String externalId = "WARM-" + UUID.randomUUID();
            while (true) {
                publish(partnerKey, externalId, w, false);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!delivered.containsKey(externalId) && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                if (delivered.containsKey(externalId)) {
                    break;
                }
                externalId = "WARM-" + UUID.randomUUID();
            }
        }
        System.out.printf("warm after %.1f s%n", (System.nanoTime() - warmStart) / 1e9);

        Histogram baseline = kafkaRoundTrip(infrastructure.bootstrapServers());
        Histogram endToEnd = deliveryLatency(partnerKey, watched);
        report(baseline, endToEnd);
    }

    private Histogram deliveryLatency(String partnerKey, List<Watched> watched) throws InterruptedException {
        accepted.clear();
        int total = rate * seconds;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        scheduler.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                done.countDown();
                return;
            }
            publish(partnerKey, "LOAD-" + n + "-" + UUID.randomUUID(), watched.get(n % watched.size()), true);
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        done.await();
        scheduler.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && accepted.keySet().stream().anyMatch(id -> !delivered.containsKey(id))) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        accepted.forEach((id, at) -> {
            Long arrived = delivered.get(id);
            if (arrived != null) {
                histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(arrived - at)));
            }
        });
        System.out.printf("end to end: %d postings accepted, %d matches delivered to their watched seeker, %d missing%n",
                accepted.size(), histogram.getTotalCount(), accepted.size() - histogram.getTotalCount());
        return histogram;
    }

    private void publish(String partnerKey, String externalId, Watched target, boolean measured) {
        String body = """
                {"title": "Benchmark job %s", "skills": [%s],
                 "location": {"lat": %.5f, "lon": %.5f, "regionCode": "000000", "address": "benchmark"},
                 "workplace": "ONSITE", "employmentType": "FULL_TIME", "vacancies": 1,
                 "salary": {"min": 6000, "max": 9000, "currency": "CNY", "period": "MONTH"},
                 "targetGroups": [], "accommodations": [], "campaignCodes": [], "languages": ["zh"],
                 "validThrough": "%s"}""".formatted(externalId,
                String.join(",", target.skills().stream().map(s -> "{\"label\": \"" + s + "\", \"required\": true}").toList()),
                target.lat() + 0.005, target.lon() + 0.005, Instant.now().plus(Duration.ofDays(30)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.url(DoorstepService.POSTINGS) + "/api/v1/postings/" + externalId))
                .header("Authorization", "Bearer " + partnerKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
            if (response.statusCode() == 201 && measured) {
                accepted.put(externalId, System.nanoTime());
            } else if (response.statusCode() != 201) {
                System.out.println("posting refused: HTTP " + response.statusCode());
            }
        });
    }

    private void listen(Watched watched) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.url(DoorstepService.NOTIFICATION) + "/api/v1/me/matches/stream"))
                .header("Authorization", "Bearer " + watched.token()).header("Accept", "text/event-stream").GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response ->
                new ServerSentEvents(event -> {
                    if (event.name().equals("match.found")) {
                        long now = System.nanoTime();
                        try {
                            JsonNode data = JSON.readTree(event.data());
                            delivered.putIfAbsent(data.path("posting").path("externalId").asText(), now);
                        } catch (Exception e) {
                            System.out.println("unreadable event: " + e.getMessage());
                        }
                    }
                }).consume(response.body()));
    }

    private Watched registerWatched() throws Exception {
        String[] city = CITIES[random.nextInt(CITIES.length)];
        double lat = Double.parseDouble(city[0]) + (random.nextDouble() - 0.5) * 0.2;
        double lon = Double.parseDouble(city[1]) + (random.nextDouble() - 0.5) * 0.2;
        List<String> skills = pickSkills(3);
        String body = """
                {"displayName": "Watched seeker", "location": {"lat": %.5f, "lon": %.5f, "regionCode": "%s"},
                 "maxDistanceKm": 10, "remoteOk": false, "skills": [%s], "employmentTypes": ["FULL_TIME"], "languages": ["zh"]}"""
                .formatted(lat, lon, city[2], String.join(",", skills.stream().map(s -> "{\"label\": \"" + s + "\"}").toList()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(services.url(DoorstepService.SEEKERS) + "/api/v1/seekers"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        return new Watched(json.path("seekerId").asText(), json.path("token").asText(), lat, lon, skills);
    }

    private void loadSeekers(String bootstrap) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < seekers; i++) {
                String[] city = CITIES[random.nextInt(CITIES.length)];
                String seekerId = UUID.randomUUID().toString();
                String data = """
                        {"seekerId":"%s","version":1,"location":{"lat":%.5f,"lon":%.5f,"regionCode":"%s"},"maxDistanceKm":%d,
                         "remoteOk":%s,"desiredOccupations":[],"skills":[%s],"education":"SECONDARY","experienceYears":%d,
                         "salaryExpectation":null,"employmentTypes":["FULL_TIME"],"languages":["zh"],"keyGroups":[],
                         "accommodationNeeds":[],"updatedAt":"%s"}""".formatted(seekerId,
                        Double.parseDouble(city[0]) + (random.nextDouble() - 0.5) * 0.6,
                        Double.parseDouble(city[1]) + (random.nextDouble() - 0.5) * 0.6, city[2], 5 + random.nextInt(30),
                        random.nextBoolean(), String.join(",", pickSkills(2 + random.nextInt(4)).stream()
                                .map(s -> "{\"label\":\"" + s + "\",\"escoUri\":null,\"level\":\"INTERMEDIATE\"}").toList()),
                        random.nextInt(10), Instant.now());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("doorstep.seekers.v1", seekerId, data.getBytes(StandardCharsets.UTF_8));
                header(record, "ce_id", UUID.randomUUID().toString());
                header(record, "ce_type", "org.doorstep.seeker.upserted.v1");
                header(record, "ce_source", "//doorstep/benchmark");
                header(record, "ce_time", Instant.now().toString());
                header(record, "ce_specversion", "1.0");
                header(record, "ce_subject", seekerId);
                header(record, "content-type", "application/json");
                producer.send(record);
            }
            producer.flush();
        }
    }

    private Histogram kafkaRoundTrip(String bootstrap) throws InterruptedException {
        String topic = "benchmark.baseline." + UUID.randomUUID();
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "baseline-" + UUID.randomUUID());
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int total = rate * Math.min(seconds, 20);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            producer.send(new ProducerRecord<>(topic, "warm", new byte[8]));
            while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                producer.send(new ProducerRecord<>(topic, "warm", new byte[8]));
            }
            Thread poller = Thread.ofPlatform().start(() -> {
                long seen = 0;
                while (seen < total) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.key().startsWith("m")) {
                            long sentAt = Long.parseLong(new String(record.value(), StandardCharsets.UTF_8));
                            histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentAt)));
                            seen++;
                        }
                    }
                }
            });
            for (int i = 0; i < total; i++) {
                producer.send(new ProducerRecord<>(topic, "m" + i, String.valueOf(System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
                TimeUnit.MICROSECONDS.sleep(1_000_000 / rate);
            }
            poller.join(TimeUnit.SECONDS.toMillis(60));
        }
        return histogram;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> pickSkills(int count) {
        List<String> all = new ArrayList<>(List.of(SKILLS));
        java.util.Collections.shuffle(all, random);
        return all.subList(0, count);
    }

    private void report(Histogram baseline, Histogram endToEnd) {
        System.out.println();
        System.out.printf("Delivery latency, %,d indexed seekers, %d postings/s for %d s (microseconds -> ms)%n", seekers, rate, seconds);
        System.out.printf("%-34s %8s %8s %8s %8s %8s%n", "path", "count", "p50", "p90", "p99", "max");
        line("kafka produce->consume (baseline)", baseline);
        line("HTTP 201 -> match on SSE", endToEnd);
        System.out.printf("ratio end-to-end / baseline: p50 %.1fx, p99 %.1fx   (targets: p50 <= 100 ms, p99 <= 500 ms)%n",
                ratio(endToEnd, baseline, 50), ratio(endToEnd, baseline, 99));
    }

    private static void line(String name, Histogram h) {
        System.out.printf("%-34s %8d %8.1f %8.1f %8.1f %8.1f%n", name, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    private static double ratio(Histogram a, Histogram b, double percentile) {
        return (double) a.getValueAtPercentile(percentile) / Math.max(1, b.getValueAtPercentile(percentile));
    }
}
