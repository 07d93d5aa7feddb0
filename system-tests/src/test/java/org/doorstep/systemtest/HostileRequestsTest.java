package org.doorstep.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;
import org.doorstep.local.DoorstepService;
import org.doorstep.systemtest.Endpoint.Trait;
import org.doorstep.systemtest.HostileCredentials.Principals;
import org.doorstep.systemtest.HostileRequests.KnownIds;
import org.doorstep.systemtest.PlatformState.Settled;
import org.doorstep.systemtest.Wire.Answer;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13: at least 10,000 generated hostile requests across every public endpoint of every service (those of
 * the OpenAPI documents, checked complete against the source by {@link PublicEndpoints}, and the actuator and
 * OpenAPI endpoints): hostile paths (percent-encoding with {@code %00 %FF %2F %ZZ}, overlong UTF-8, raw bytes,
 * Unicode, {@code ..}, very long segments, trailing dots), query strings, headers (oversized, other schemes, garbage
 * and forged JWTs and partner keys, a revoked key, an erased seeker's token, {@code Last-Event-ID} and
 * {@code Accept-Language} junk, duplicates, broken framing), bodies ({@link HostileBodies}) and methods. A share
 * carries a valid credential of the principals registered through the APIs, so the code behind the 401 is reached.
 * <p>
 * The requests come from jqwik arbitraries ({@link HostileRequests}), drawn with a {@link Random} seeded from
 * {@code -Ddoorstep.hostile.seed} (printed; default {@link #DEFAULT_SEED}), and go out through the JDK HttpClient, or
 * a plain socket for what it will not send, 8 at a time. Asserted: no 5xx; every 4xx is
 * {@code application/problem+json} with {@code type}, {@code title} and {@code status} (the HTTP status); no
 * request that must be refused is accepted; and nothing changed: every database collection (count and digest),
 * every topic's end offsets and the principals' views read through the APIs are the same before and after. Every
 * request with an unsafe method carries a fault that its endpoint must refuse, so no request of the run is meant
 * to change anything. A failure prints, per kind of finding, the request shrunk by jqwik to the smallest that still
 * fails, and a table of statuses per service.
 */
@DoorstepInfrastructure
class HostileRequestsTest {

    static final long DEFAULT_SEED = 13_2026_12_13L;
    static final int DEFAULT_REQUESTS = 10_000;
    private static final int CONCURRENCY = 8;
    private static final Duration SHRINK_BUDGET = Duration.ofSeconds(90);
    private static final int API_WEIGHT = 3;

    @Test
    void hostileRequestsAreAnsweredWithProblemsNeverA5xxAndChangeNothing() throws Exception {
        long seed = Long.getLong("doorstep.hostile.seed", DEFAULT_SEED);
        int requested = Integer.getInteger("doorstep.hostile.requests", DEFAULT_REQUESTS);
        System.out.printf("Hostile requests: seed %d (repeat with -Ddoorstep.hostile.seed=%d), %,d requests%n",
                seed, seed, requested);
        ServicesUnderTest services = ServicesUnderTest.get();
        PlatformClient client = new PlatformClient(services);
        long setUp = System.nanoTime();
        List<Endpoint> endpoints = PublicEndpoints.all(services);
        Registered registered = register(client);
        double registering = (System.nanoTime() - setUp) / 1e9;

        JqwikSession.start();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        ExecutorService httpThreads = Executors.newCachedThreadPool();
        try (PlatformState state = new PlatformState(views(client, registered));
             Wire wire = new Wire(Arrays.stream(DoorstepService.values())
                     .collect(Collectors.toMap(s -> s, services::url)), httpThreads)) {
            long settling = System.nanoTime();
            HostileRequests generator = new HostileRequests(endpoints, new HostileCredentials(registered.principals()),
                    registered.known());
            List<Shrinkable<HostileRequest>> plan = plan(generator, endpoints, requested, seed);
            List<HostileRequest> requests = plan.stream().map(Shrinkable::value).toList();

            Settled before = state.settle(Duration.ofSeconds(3), Duration.ofSeconds(90));
            long started = System.nanoTime();
            List<Future<Timed>> futures = new ArrayList<>();
            for (HostileRequest request : requests) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    Answer answer = wire.send(request);
                    return new Timed(answer, System.nanoTime() - start);
                }));
            }
            List<Sent> sent = new ArrayList<>();
            Map<DoorstepService, List<Long>> latencies = new EnumMap<>(DoorstepService.class);
            for (int i = 0; i < plan.size(); i++) {
                Timed timed = futures.get(i).get();
                sent.add(new Sent(plan.get(i), requests.get(i), timed.answer(), verdict(requests.get(i), timed.answer())));
                latencies.computeIfAbsent(requests.get(i).endpoint().service(), k -> new ArrayList<>()).add(timed.nanos());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long sentAll = System.nanoTime();
            Settled after = state.settle(Duration.ofSeconds(3), Duration.ofSeconds(90));
            System.out.printf("Phases: endpoints and principals %.1f s, plan and state before %.1f s, sending %.1f s, "
                            + "state after %.1f s%n", registering, (started - settling) / 1e9, seconds,
                    (System.nanoTime() - sentAll) / 1e9);

            printSummary(endpoints, sent, seconds, seed);
            latencies.forEach((service, all) -> {
                Collections.sort(all);
                System.out.printf("  %-21s latency p50 %4d ms, p99 %5d ms, max %5d ms%n", service.module(),
                        all.get(all.size() / 2) / 1_000_000, all.get(all.size() * 99 / 100) / 1_000_000,
                        all.getLast() / 1_000_000);
            });
            Set<String> moving = new TreeSet<>(before.moving());
            moving.addAll(after.moving());
            Set<String> changed = new TreeSet<>(PlatformState.differences(before.state(), after.state()));
            changed.removeAll(moving);
            System.out.printf("State compared: %d collections, topics and views; still moving (left out): %s%n",
                    before.state().size(), moving.isEmpty() ? "none" : moving);
            for (String key : changed) {
                System.out.printf("  CHANGED %s%n    before: %s%n    after:  %s%n", key, before.state().get(key),
                        after.state().get(key));
            }
            List<String> reproducers = reproducers(wire, sent);
            reproducers.forEach(System.out::println);

            assertThat(sent).as("requests sent").hasSizeGreaterThanOrEqualTo(10_000);
            assertThat(reproducers).as("findings (reproducers above)").isEmpty();
            assertThat(changed).as("state changed by refused requests (printed above)").isEmpty();
        } finally {
            pool.shutdownNow();
            httpThreads.shutdownNow();
            JqwikSession.finish();
        }
    }

    private record Timed(Answer answer, long nanos) {
    }

    /** One request of the run, its answer, and what is wrong with the answer (null: nothing). */
    private record Sent(Shrinkable<HostileRequest> shrinkable, HostileRequest request, Answer answer, String finding) {
    }

    /**
     * {@code requested} requests (at least), each endpoint's share by its weight (an API operation three times an
     * actuator or OpenAPI endpoint's), in an order and with contents fixed by the seed.
     */
    private static List<Shrinkable<HostileRequest>> plan(HostileRequests generator, List<Endpoint> endpoints,
                                                         int requested, long seed) {
        int weights = endpoints.stream().mapToInt(HostileRequestsTest::weight).sum();
        List<Endpoint> slots = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int share = (int) Math.ceil((double) requested * weight(endpoint) / weights);
            slots.addAll(Collections.nCopies(share, endpoint));
        }
        Random random = new Random(seed);
        Collections.shuffle(slots, random);
        Map<Endpoint, RandomGenerator<HostileRequest>> generators = new LinkedHashMap<>();
        List<Shrinkable<HostileRequest>> plan = new ArrayList<>(slots.size());
        for (Endpoint endpoint : slots) {
            plan.add(generators.computeIfAbsent(endpoint, e -> generator.aimedAt(e).generator(1_000)).next(random));
        }
        return plan;
    }

    private static int weight(Endpoint endpoint) {
        return endpoint.has(Trait.INFRASTRUCTURE) ? 1 : API_WEIGHT;
    }

    /** What is wrong with the answer to a hostile request, or null. */
    static String verdict(HostileRequest request, Answer answer) {
        if (answer.failure() != null) {
            String why = answer.failure().startsWith("java.") ? answer.failure().split(":", 2)[0] : answer.failure();
            return "no HTTP answer (" + why + ")";
        }
        int status = answer.status();
        if (status >= 500) {
            return status + " (server error)";
        }
        if (status >= 400) {
            String type = answer.header("content-type").orElse("(none)");
            if (!type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
                return status + " not problem+json (Content-Type " + type + ")";
            }
            if (request.method().equals("HEAD")) {
                return null;
            }
            JsonNode problem;
            try {
                problem = PlatformClient.json(answer.text());
            } catch (IllegalStateException e) {
                return status + " problem+json body that is not JSON";
            }
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                    || problem.path("status").asInt(-1) != status) {
                return status + " problem without type, title or the right status";
            }
            return null;
        }
        if (status / 100 == 2 && request.mustBeRefused()) {
            if (request.endpoint().has(Trait.PER_LINE_RESULTS) && !request.mustBeRefusedWhateverTheBody()
                    && request.method().equals("POST")) {
                return everyLineRejected(answer) ? null : status + " accepted a batch line that must be refused";
            }
            return status + " accepted a request that must be refused";
        }
        return null;
    }

    private static boolean everyLineRejected(Answer answer) {
        try {
            for (String line : answer.text().split("\n")) {
                if (!line.isBlank() && !PlatformClient.json(line).path("outcome").asText().equals("REJECTED")) {
                    return false;
                }
            }
            return true;
        } catch (IllegalStateException e) {
            return false; // a line that is not JSON
        }
    }

    // ---- reporting -------------------------------------------------------------------------------------------

    private void printSummary(List<Endpoint> endpoints, List<Sent> sent, double seconds, long seed) {
        Map<DoorstepService, long[]> perService = PublicEndpoints.counts(endpoints);
        System.out.printf("%nHostile requests: %,d sent in %.1f s (%,.0f/s), seed %d; %,d through a plain socket, "
                        + "%,d with the endpoint's valid credential, %,d must be refused%n",
                sent.size(), seconds, sent.size() / seconds, seed,
                sent.stream().filter(s -> !s.request().viaHttpClient()).count(),
                sent.stream().filter(s -> s.request().faults().stream().noneMatch(f -> f.startsWith("auth:") || f.startsWith("jwt:"))
                        && s.request().endpoint().caller() != Endpoint.Caller.ANYONE).count(),
                sent.stream().filter(s -> s.request().mustBeRefused()).count());
        Map<DoorstepService, SortedMap<String, Integer>> statuses = new EnumMap<>(DoorstepService.class);
        for (Sent s : sent) {
            String status = s.answer().failure() != null ? "none" : String.valueOf(s.answer().status());
            statuses.computeIfAbsent(s.request().endpoint().service(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        }
        System.out.printf("%-21s %9s %9s %8s  %s%n", "service", "endpoints", "requests", "findings", "statuses");
        for (DoorstepService service : DoorstepService.values()) {
            long[] counts = perService.getOrDefault(service, new long[2]);
            long requests = sent.stream().filter(s -> s.request().endpoint().service() == service).count();
            long findings = sent.stream().filter(s -> s.request().endpoint().service() == service && s.finding() != null).count();
            System.out.printf("%-21s %4d + %-2d %9d %8d  %s%n", service.module(), counts[0], counts[1], requests, findings,
                    statuses.getOrDefault(service, new TreeMap<>()));
        }
        SortedMap<String, Integer> all = new TreeMap<>();
        statuses.values().forEach(m -> m.forEach((k, v) -> all.merge(k, v, Integer::sum)));
        System.out.printf("%-21s %9s %9d %8d  %s%n", "all", "", sent.size(), sent.stream().filter(s -> s.finding() != null).count(), all);
        Map<String, Long> families = new TreeMap<>();
        sent.forEach(s -> s.request().faults().forEach(f -> families.merge(f.split(":", 2)[0], 1L, Long::sum)));
        System.out.println("faults sent, by family: " + families);
    }

    /**
     * One reproducer per kind of finding (service and what is wrong), listed first as found (the smallest request of
     * the kind), then shrunk by jqwik within a time budget: each smaller candidate is sent, and the first that fails
     * the same way on the same endpoint is kept.
     */
    private List<String> reproducers(Wire wire, List<Sent> sent) {
        Map<String, List<Sent>> kinds = new TreeMap<>();
        for (Sent s : sent) {
            if (s.finding() != null) {
                kinds.computeIfAbsent(s.request().endpoint().service().module() + ": " + s.finding(), k -> new ArrayList<>()).add(s);
            }
        }
        writeFindings(wire, sent);
        Map<String, Sent> smallest = new LinkedHashMap<>();
        kinds.forEach((kind, all) -> {
            Sent first = all.stream().min(Comparator.comparingInt(s -> s.request().size())).orElseThrow();
            smallest.put(kind, first);
            Map<String, Long> where = new TreeMap<>();
            all.forEach(s -> where.merge(s.request().endpoint().operation(), 1L, Long::sum));
            System.out.printf("FINDING %s: %d requests, on %s%n  smallest: %s%n  answer: %s%n", kind, all.size(), where,
                    first.request().describe(wire.baseUrl(first.request().endpoint().service())).replace("\n", "\n  "),
                    describe(first.answer()));
        });
        long deadline = System.nanoTime() + SHRINK_BUDGET.toNanos();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Sent> kind : smallest.entrySet()) {
            Sent minimal = shrink(wire, kind.getValue(), deadline);
            String base = wire.baseUrl(minimal.request().endpoint().service());
            out.add("FINDING " + kind.getKey() + " (" + kinds.get(kind.getKey()).size() + " requests)\n  minimal reproducer: "
                    + minimal.request().describe(base).replace("\n", "\n  ") + "\n  answer: " + describe(minimal.answer()));
        }
        return out;
    }

    /** Every request that failed, with its answer, for a closer look than the summary gives. */
    private static void writeFindings(Wire wire, List<Sent> sent) {
        Path file = ServicesUnderTest.projectRoot().resolve("system-tests/target/hostile-requests-findings.txt");
        StringBuilder out = new StringBuilder();
        for (Sent s : sent) {
            if (s.finding() != null) {
                out.append(s.request().endpoint().service().module()).append(": ").append(s.finding()).append('\n')
                        .append(s.request().describe(wire.baseUrl(s.request().endpoint().service()))).append('\n')
                        .append("  answer: ").append(describe(s.answer())).append("\n\n");
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out);
            System.out.println("Every finding, with its request and answer: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sent shrink(Wire wire, Sent failing, long deadline) {
        Sent current = failing;
        boolean smaller = true;
        while (smaller && System.nanoTime() < deadline) {
            smaller = false;
            Iterator<Shrinkable<HostileRequest>> candidates = current.shrinkable().shrink().iterator();
            for (int tried = 0; candidates.hasNext() && tried < 20 && System.nanoTime() < deadline; tried++) {
                Shrinkable<HostileRequest> candidate = candidates.next();
                HostileRequest request = candidate.value();
                Answer answer = wire.send(request);
                String finding = verdict(request, answer);
                if (failing.finding().equals(finding) && request.endpoint().equals(failing.request().endpoint())) {
                    current = new Sent(candidate, request, answer, finding);
                    smaller = true;
                    break;
                }
            }
        }
        return current;
    }

    private static String describe(Answer answer) {
        if (answer.failure() != null) {
            return answer.failure() + (answer.note() == null ? "" : "\n  " + answer.note().replace("\n", "\n  "));
        }
        String body = answer.text();
        return answer.status() + ", Content-Type " + answer.header("content-type").orElse("(none)") + ", body "
                + HostileRequest.escape(body.length() > 400 ? body.substring(0, 400) + "..." : body);
    }

    // ---- setup -----------------------------------------------------------------------------------------------

    private record Registered(Principals principals, KnownIds known) {
    }

    /**
     * Registers, through the APIs, a partner (with a second key, revoked), a seeker with a matching posting in its
     * inbox, and a seeker erased at once; waits until notification-service has taken in the keys and the erasure.
     */
    private static Registered register(PlatformClient client) {
        JsonNode partner = PlatformClient.json(expect(client.send("POST", DoorstepService.POSTINGS, "/api/v1/partners",
                ServicesUnderTest.OPERATOR_TOKEN, "{\"name\":\"Hostile-requests Job Board\",\"contactEmail\":\"hostile@jobs.example\"}"), 201));
        String partnerId = partner.path("partnerId").asText();
        String partnerKey = partner.path("apiKey").asText();
        JsonNode second = PlatformClient.json(expect(client.send("POST", DoorstepService.POSTINGS,
                "/api/v1/partners/" + partnerId + "/keys", ServicesUnderTest.OPERATOR_TOKEN, null), 201));
        expect(client.send("DELETE", DoorstepService.POSTINGS, "/api/v1/partners/" + partnerId + "/keys/"
                + second.path("keyId").asText(), ServicesUnderTest.OPERATOR_TOKEN, null), 200);
        JsonNode seeker = client.registerSeeker();
        JsonNode erased = client.registerSeeker();
        expect(client.send("DELETE", DoorstepService.SEEKERS, "/api/v1/seekers/me", erased.path("token").asText(), null), 204);
        String externalId = "HOSTILE-" + UUID.randomUUID();
        String postingId = client.publishPosting(partnerKey, externalId);

        String revokedKey = second.path("apiKey").asText();
        String token = seeker.path("token").asText();
        await("notification-service takes the partner's key and refuses the revoked one").atMost(Duration.ofSeconds(90))
                .until(() -> client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/partner/webhook", partnerKey, null).statusCode() == 404
                        && client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/partner/webhook", revokedKey, null).statusCode() == 401);
        await("the erased seeker's token is refused everywhere").atMost(Duration.ofSeconds(90))
                .until(() -> client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/matches", erased.path("token").asText(), null).statusCode() == 401
                        && client.send("GET", DoorstepService.SEEKERS, "/api/v1/seekers/me", erased.path("token").asText(), null).statusCode() == 401);
        boolean matched;
        try {
            matched = await("the seeker's inbox holds the match").atMost(Duration.ofSeconds(120)).until(
                    () -> PlatformClient.json(client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/matches", token, null).body())
                            .path("items").size() > 0, found -> found);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            matched = false; // the run goes on: the inbox is then compared empty
        }
        System.out.printf("Registered partner %s (a second key revoked), seeker %s (inbox holds a match: %s), a seeker erased%n",
                partnerId, seeker.path("seekerId").asText(), matched);
        return new Registered(
                new Principals(ServicesUnderTest.OPERATOR_TOKEN, partnerKey, revokedKey, token, erased.path("token").asText(),
                        ServicesUnderTest.SEEKER_JWT_SECRET),
                new KnownIds(partnerId, externalId, postingId, seeker.path("seekerId").asText()));
    }

    /** What the registered principals see through the read endpoints: part of the state that must not change. */
    private static Map<String, Supplier<String>> views(PlatformClient client, Registered registered) {
        Principals p = registered.principals();
        Map<String, Supplier<String>> views = new LinkedHashMap<>();
        views.put("partner's postings", view(client, DoorstepService.POSTINGS, "/api/v1/postings", p.partnerKey()));
        views.put("partner's posting", view(client, DoorstepService.POSTINGS, "/api/v1/postings/" + registered.known().externalId(), p.partnerKey()));
        views.put("partner and keys", view(client, DoorstepService.POSTINGS, "/api/v1/partners/" + registered.known().partnerId(), p.operatorToken()));
        views.put("campaigns", view(client, DoorstepService.POSTINGS, "/api/v1/campaigns", p.operatorToken()));
        views.put("seeker's profile", view(client, DoorstepService.SEEKERS, "/api/v1/seekers/me", p.seekerToken()));
        views.put("seeker's inbox", view(client, DoorstepService.NOTIFICATION, "/api/v1/me/matches", p.seekerToken()));
        views.put("partner's webhook", view(client, DoorstepService.NOTIFICATION, "/api/v1/partner/webhook", p.partnerKey()));
        views.put("partner's dead letters", view(client, DoorstepService.NOTIFICATION, "/api/v1/partner/webhook/dead-letters", p.partnerKey()));
        views.put("partner's deliveries", view(client, DoorstepService.NOTIFICATION, "/api/v1/partner/webhook/deliveries", p.partnerKey()));
        return views;
    }

    private static Supplier<String> view(PlatformClient client, DoorstepService service, String path, String credential) {
        return () -> {
            HttpResponse<String> response = client.send("GET", service, path, credential, null);
            return response.statusCode() + " " + response.headers().firstValue("ETag").orElse("") + " " + response.body();
        };
    }

    private static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }
}
