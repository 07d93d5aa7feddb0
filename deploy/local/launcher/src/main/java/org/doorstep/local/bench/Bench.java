package org.doorstep.local.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.doorstep.local.Console;

/**
 * {@code ./doorstep bench}: the delivery benchmark of issue 12 against a running platform. Registers the
 * seekers and the watched seekers through seekers-service, opens the watched seekers' live streams, waits
 * until matching has indexed every seeker and each watched seeker has received a warm-up match, then
 * publishes postings at the set rate for the set time while sampling lag, throughput and processes and
 * measuring the Kafka floor, and waits for the watched deliveries to drain.
 */
public final class Bench {

    private static final String SEEKERS_TOPIC = "doorstep.seekers.v1";
    private static final Duration INDEXING_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(3);

    private final BenchOptions options;
    private final BenchTarget target;
    private final Console console;
    private final Http http = new Http();

    public Bench(BenchOptions options, BenchTarget target, Console console) {
        this.options = options;
        this.target = target;
        this.console = console;
    }

    public BenchResult run() throws Exception {
        Instant startedAt = Instant.now();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt);
        console.line("Benchmark %s: %,d seekers, %d postings/s for %d s, %d watched seekers, seed %d, %d notification instance(s)",
                runId, options.seekers(), options.rate(), options.seconds(), options.watched(), options.seed(), target.notificationUrls().size());
        Workload workload = new Workload(ReferenceData.load(options.dataDir()), options);

        SeekerRegistration registration = new SeekerRegistration(http, target.seekersUrl(), console);
        long seekerEventsBefore;
        try (ConsumerLag before = new ConsumerLag(target.kafkaBootstrap())) {
            seekerEventsBefore = before.published(SEEKERS_TOPIC);
        }
        long registrationStart = System.nanoTime();
        registration.register(options.seekers(), workload::seeker, "seekers");
        List<SeekerRegistration.Registered> watched = registration.register(options.watched(),
                n -> workload.watchedSeeker(workload.clusters().get(n)), "watched seekers");
        double registrationSeconds = seconds(registrationStart);
        console.line("  registered %,d seekers and %d watched seekers in %.1f s (%.0f/s)", options.seekers(), options.watched(),
                registrationSeconds, (options.seekers() + options.watched()) / registrationSeconds);

        List<String> partners = PostingLoad.registerPartners(http, target.postingsUrl(), target.operatorToken(), options.rate(), runId);
        PostingLoad load = new PostingLoad(http, target.postingsUrl(), workload, partners, runId);
        try (ConsumerLag lag = new ConsumerLag(target.kafkaBootstrap()); WatchedStreams streams = new WatchedStreams(http)) {
            streams.watch(watched, target.notificationUrls());
            long warmStart = System.nanoTime();
            awaitIndexed(lag, seekerEventsBefore + options.seekers() + options.watched());
            console.line("  matching has indexed every seeker (%.1f s)", seconds(warmStart));
            int warm = warmUp(load, streams);
            double warmUpSeconds = seconds(warmStart);
            console.line("  warm after %.1f s: %d of %d watched seekers received a match", warmUpSeconds, warm, options.watched());
            if (options.warmup() > 0) {
                console.line("  warm-up load (not measured): %d postings/s for %d s ...", options.rate(), options.warmup());
                load.warm(options.rate(), options.warmup());
            }

            Double counterBefore = deliveredCounter();
            try (KafkaFloor floor = new KafkaFloor(target.kafkaBootstrap(), lag.admin())) {
                floor.start();
                long loadStart = System.nanoTime();
                Timeline timeline = new Timeline(lag, new PrometheusSum(http, target.matchingUrls(), target.operatorToken()),
                        withSelf(target.processes()), loadStart);
                timeline.startSampling();
                Optional<BrokerRequests> broker = BrokerRequests.attach(target.processes().get("kafka"));
                Map<String, Long> requestsBefore = broker.map(BrokerRequests::counts).orElse(Map.of());
                var floorTicker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> Thread.ofPlatform().daemon().name("bench-floor-ticker").unstarted(r));
                floorTicker.scheduleAtFixedRate(floor::send, 0, 1_000_000_000L / options.rate(), TimeUnit.NANOSECONDS);
                console.line("  publishing %,d postings at %d/s ...", options.postings(), options.rate());
                load.run(options.rate(), options.seconds());
                floorTicker.shutdownNow();
                double loadSeconds = seconds(loadStart);
                Map<String, Double> brokerRequests = Map.of();
                if (broker.isPresent()) {
                    try (BrokerRequests attached = broker.get()) {
                        brokerRequests = BrokerRequests.rates(requestsBefore, attached.counts(), loadSeconds);
                    }
                }
                long drainStart = System.nanoTime();
                List<PostingLoad.Accepted> accepted = awaitDeliveries(load, streams);
                double drainSeconds = seconds(drainStart);
                timeline.close();
                Double counterAfter = deliveredCounter();
                Histogram endToEnd = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
                List<BenchResult.Posting> postings = new ArrayList<>();
                int delivered = 0;
                for (PostingLoad.Accepted posting : accepted) {
                    long micros = latencyMicros(posting, streams);
                    postings.add(new BenchResult.Posting((posting.acceptedAt() - loadStart) / 1e9, micros));
                    if (micros >= 0) {
                        endToEnd.recordValue(micros);
                        delivered++;
                    }
                }
                List<PostingLoad.Accepted> warmLoad = load.warmAccepted();
                Histogram warmLatency = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
                for (PostingLoad.Accepted posting : warmLoad) {
                    long micros = latencyMicros(posting, streams);
                    if (micros >= 0) {
                        warmLatency.recordValue(micros);
                    }
                }
                return new BenchResult(options, runId, startedAt, target.notificationUrls().size(), options.seekers(), registrationSeconds,
                        warmUpSeconds, warm, new BenchResult.WarmLoad(warmLoad.size(), warmLatency), accepted.size(), delivered, load.refusals(), load.rateLimited(), endToEnd, floor.latency(), load.responseTimes(),
                        postings, timeline.samples(), loadSeconds, drainSeconds, streams.reconnects(), counterBefore, counterAfter,
                        brokerRequests);
            }
        }
    }

    /**
     * Waits until seekers-service has published every registration ({@code expected}: the seekers topic's records
     * before registering, and one per seeker registered) and every matching instance has read them all (its seekers
     * consumer groups have no lag). Lag alone said "indexed" while seekers-service's outbox was still publishing
     * (at 100,000 seekers the watched seekers, registered last, came minutes after the warm-up had begun).
     */
    private void awaitIndexed(ConsumerLag lag, long expected) throws Exception {
        long deadline = System.nanoTime() + INDEXING_TIMEOUT.toNanos();
        long lastReport = 0;
        while (true) {
            ConsumerLag.Reading reading = lag.read();
            long behind = ConsumerLag.seekersLag(reading);
            long published = lag.published(SEEKERS_TOPIC);
            boolean seen = reading.lag().keySet().stream().anyMatch(key -> key.startsWith("matching") && key.endsWith(SEEKERS_TOPIC));
            if (seen && behind == 0 && published >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("matching-service had not indexed every seeker after " + INDEXING_TIMEOUT.toMinutes()
                        + " min (seekers lag " + behind + ", " + published + " of " + expected + " seeker events published)");
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                console.line("  waiting for matching to index the seekers (lag %,d; %,d of %,d seeker events published) ...",
                        behind, published, expected);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /**
     * One posting per watched seeker, then waits until each has arrived on its live stream: the path is warm.
     * A posting that was not accepted is sent again; an accepted one is waited for, never repeated (a repeat
     * would only add its 200 matches to the backlog it waits behind).
     */
    private int warmUp(PostingLoad load, WatchedStreams streams) throws InterruptedException {
        console.line("  warming up: one posting per watched seeker until each has arrived on its live stream ...");
        long deadline = System.nanoTime() + WARM_UP_TIMEOUT.toNanos();
        List<CompletableFuture<String>> sent = new ArrayList<>();
        for (int cluster = 0; cluster < options.watched(); cluster++) {
            sent.add(load.publish(cluster, "WARM", false));
        }
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            int warm = 0;
            for (int cluster = 0; cluster < options.watched(); cluster++) {
                CompletableFuture<String> posting = sent.get(cluster);
                if (posting.isDone() && posting.join() == null) {
                    sent.set(cluster, load.publish(cluster + options.watched() * ++attempt, "WARM", false));
                } else if (posting.isDone() && streams.arrival(posting.join()) != null) {
                    warm++;
                }
            }
            if (warm == options.watched()) {
                return warm;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        int warm = (int) sent.stream().filter(p -> p.isDone() && p.join() != null && streams.arrival(p.join()) != null).count();
        console.line("  warm-up incomplete: %d of %d watched seekers received a match within %d s", warm, options.watched(),
                WARM_UP_TIMEOUT.toSeconds());
        return warm;
    }

    private List<PostingLoad.Accepted> awaitDeliveries(PostingLoad load, WatchedStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + options.drain().toNanos();
        while (System.nanoTime() < deadline) {
            List<PostingLoad.Accepted> accepted = load.accepted();
            if (accepted.stream().allMatch(p -> streams.arrival(p.postingId()) != null)) {
                return accepted;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return load.accepted();
    }

    /** The sum of notification-service's {@code doorstep_notifications_matches_total} over its instances, if it exports it. */
    private Double deliveredCounter() {
        return new PrometheusSum(http, target.notificationUrls(), target.operatorToken()).of("doorstep_notifications_matches_total");
    }

    /** HTTP 201 of the posting to its arrival on the watched seeker's stream, microseconds; -1 when it never arrived. */
    private static long latencyMicros(PostingLoad.Accepted posting, WatchedStreams streams) {
        Long arrival = streams.arrival(posting.postingId());
        return arrival == null ? -1 : Math.max(0, TimeUnit.NANOSECONDS.toMicros(arrival - posting.acceptedAt()));
    }

    private static Map<String, Long> withSelf(Map<String, Long> processes) {
        Map<String, Long> all = new java.util.LinkedHashMap<>(processes);
        if (!all.containsValue(ProcessHandle.current().pid())) {
            all.put("bench (load generator)", ProcessHandle.current().pid());
        }
        return all;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
