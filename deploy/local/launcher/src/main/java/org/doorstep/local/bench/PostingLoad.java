package org.doorstep.local.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Publishes postings through postings-service's public API ({@code PUT /api/v1/postings/{externalId}})
 * at a fixed rate, each at a watched cluster's site, spread over enough partners to stay under the
 * per-partner rate limit; a 429 is retried after a second, as a partner would. Records when each was
 * accepted (HTTP 201 arrived) and its postingId.
 */
final class PostingLoad {

    /** Well under postings-service's default limit of 100 a second per partner, so bursts after a stall fit too. */
    static final int POSTINGS_PER_PARTNER_SECOND = 25;
    private static final int RATE_LIMITED_RETRIES = 5;

    /** A posting the platform accepted: {@code acceptedAt} is System.nanoTime when its 201 arrived. */
    record Accepted(int index, String postingId, long acceptedAt) {
    }

    static final String WARM_LOAD = "WARMLOAD";
    private final Http http;
    private final String postingsUrl;
    private final Workload workload;
    private final List<String> partnerKeys;
    private final String runId;
    private final Instant validThrough = Instant.now().plus(Duration.ofDays(2));
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final Queue<Accepted> warmAccepted = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final Recorder responseTimes = new Recorder(3);
    private final Histogram responseTotal = new Histogram(3);

    PostingLoad(Http http, String postingsUrl, Workload workload, List<String> partnerKeys, String runId) {
        this.http = http;
        this.postingsUrl = postingsUrl;
        this.workload = workload;
        this.partnerKeys = List.copyOf(partnerKeys);
        this.runId = runId;
    }

    /** Registers enough partners for the rate through the operator API; returns their API keys. */
    static List<String> registerPartners(Http http, String postingsUrl, String operatorToken, int rate, String runId) {
        int partners = Math.max(1, (rate + POSTINGS_PER_PARTNER_SECOND - 1) / POSTINGS_PER_PARTNER_SECOND);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < partners; i++) {
            Http.Reply reply = http.sendAndWait("POST", postingsUrl + "/api/v1/partners", operatorToken,
                    "{\"name\":\"Benchmark job board %s-%d\",\"contactEmail\":\"bench@doorstep.example\"}".formatted(runId, i));
            if (reply.status() != 201) {
                throw new IllegalStateException("Registering a benchmark partner failed: HTTP " + reply.status() + " " + reply.body());
            }
            keys.add(reply.json().path("apiKey").asString());
        }
        return keys;
    }

    /** Publishes one posting at the cluster of posting {@code index}; completes with its postingId (null if refused). */
    java.util.concurrent.CompletableFuture<String> publish(int index, String prefix, boolean measured) {
        return publish(index, prefix, measured, 0);
    }

    private java.util.concurrent.CompletableFuture<String> publish(int index, String prefix, boolean measured, int retry) {
        Workload.Cluster cluster = workload.watchedCluster(index);
        String externalId = prefix + "-" + runId + "-" + index;
        long sent = System.nanoTime();
        return http.send("PUT", postingsUrl + "/api/v1/postings/" + URLEncoder.encode(externalId, StandardCharsets.UTF_8),
                partnerKeys.get(index % partnerKeys.size()), workload.posting(cluster, runId, validThrough)).handle((reply, error) -> {
            long now = System.nanoTime();
            if (error == null && reply.status() == 429 && retry < RATE_LIMITED_RETRIES) {
                rateLimited.incrementAndGet();
                return java.util.concurrent.CompletableFuture.supplyAsync(() -> publish(index, prefix, measured, retry + 1),
                        java.util.concurrent.CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)).thenCompose(f -> f);
            }
            if (error != null || reply.status() != 201) {
                refusals.computeIfAbsent(error != null ? -1 : reply.status(), status -> new AtomicInteger()).incrementAndGet();
                if (refusals.values().stream().mapToInt(AtomicInteger::get).sum() <= 3) {
                    System.err.println("posting " + externalId + " not accepted: "
                            + (error != null ? error.getMessage() : "HTTP " + reply.status() + " " + reply.body()));
                }
                return java.util.concurrent.CompletableFuture.<String>completedFuture(null);
            }
            String postingId = reply.json().path("postingId").asString();
            if (measured) {
                responseTimes.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - sent)));
                accepted.add(new Accepted(index, postingId, now));
            } else if (WARM_LOAD.equals(prefix)) {
                warmAccepted.add(new Accepted(index, postingId, now));
            }
            return java.util.concurrent.CompletableFuture.completedFuture(postingId);
        }).thenCompose(f -> f);
    }

    /** Publishes {@code rate} measured postings a second for {@code seconds}; returns when the last was sent. */
    void run(int rate, int seconds) throws InterruptedException {
        run(rate, seconds, "BENCH", true);
    }

    /** The same load before the measured one, reported apart ({@link #warmAccepted()}). */
    void warm(int rate, int seconds) throws InterruptedException {
        run(rate, seconds, WARM_LOAD, false);
    }

    private void run(int rate, int seconds, String prefix, boolean measured) throws InterruptedException {
        int total = rate * seconds;
        AtomicInteger next = new AtomicInteger();
        CountDownLatch sentAll = new CountDownLatch(1);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("bench-postings").unstarted(r));
        try {
            scheduler.scheduleAtFixedRate(() -> {
                int n = next.getAndIncrement();
                if (n >= total) {
                    sentAll.countDown();
                    return;
                }
                publish(n, prefix, measured);
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            sentAll.await();
        } finally {
            scheduler.shutdownNow();
        }
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** The postings of the warm-up load that were accepted. */
    List<Accepted> warmAccepted() {
        return List.copyOf(warmAccepted);
    }

    /** Refused postings by HTTP status (-1: no answer). */
    Map<Integer, Integer> refusals() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        refusals.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** How many PUTs were answered 429 and sent again a second later. */
    int rateLimited() {
        return rateLimited.get();
    }

    /** Time from sending a measured PUT to its 201, microseconds. */
    synchronized Histogram responseTimes() {
        responseTotal.add(responseTimes.getIntervalHistogram());
        return responseTotal.copy();
    }
}
