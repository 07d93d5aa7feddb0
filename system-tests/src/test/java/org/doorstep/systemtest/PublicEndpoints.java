package org.doorstep.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.doorstep.local.DoorstepService;
import org.doorstep.systemtest.Endpoint.Body;
import org.doorstep.systemtest.Endpoint.Caller;
import org.doorstep.systemtest.Endpoint.Trait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.doorstep.local.DoorstepService.MATCHING;
import static org.doorstep.local.DoorstepService.NOTIFICATION;
import static org.doorstep.local.DoorstepService.POSTINGS;
import static org.doorstep.local.DoorstepService.SEEKERS;

/**
 * Every public endpoint of every service, and the proof that the list is complete. Three sources must agree:
 * each running service's OpenAPI document ({@code /v3/api-docs}), the request mappings in each service's
 * {@code src/main} (read from the source: {@code @GetMapping} and the like, with the class's
 * {@code @RequestMapping} prefix; a router function would fail the check, as the scan cannot read one), and the
 * profiles below, which say what a hostile request needs to know about each operation. The actuator and OpenAPI
 * endpoints, which the document leaves out, are checked against the actuator's own index ({@code /actuator}).
 */
final class PublicEndpoints {

    private static final List<Endpoint> API = List.of(
            Endpoint.of(POSTINGS, "POST", "/api/v1/partners", Caller.OPERATOR, Body.PARTNER),
            Endpoint.of(POSTINGS, "GET", "/api/v1/partners", Caller.OPERATOR, Body.NONE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/partners/{partnerId}", Caller.OPERATOR, Body.NONE),
            Endpoint.of(POSTINGS, "POST", "/api/v1/partners/{partnerId}/keys", Caller.OPERATOR, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "DELETE", "/api/v1/partners/{partnerId}/keys/{keyId}", Caller.OPERATOR, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "POST", "/api/v1/campaigns", Caller.OPERATOR, Body.CAMPAIGN, Trait.CHECKS_CONTENT_TYPE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/campaigns", Caller.OPERATOR, Body.NONE, Trait.PARTNERS_TOO),
            Endpoint.of(POSTINGS, "GET", "/api/v1/postings:locations", Caller.OPERATOR, Body.NONE),
            Endpoint.of(POSTINGS, "PUT", "/api/v1/campaigns/{code}", Caller.OPERATOR, Body.CAMPAIGN,
                    Trait.CHECKS_CONTENT_TYPE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/campaigns/{code}", Caller.OPERATOR, Body.NONE),
            Endpoint.of(POSTINGS, "PUT", "/api/v1/postings/{externalId}", Caller.PARTNER, Body.POSTING, Trait.IF_MATCH,
                    Trait.CHECKS_CONTENT_TYPE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/postings/{externalId}", Caller.PARTNER, Body.NONE),
            Endpoint.of(POSTINGS, "DELETE", "/api/v1/postings/{externalId}", Caller.PARTNER, Body.NONE,
                    Trait.NAMED_MUST_EXIST, Trait.IF_MATCH),
            Endpoint.of(POSTINGS, "GET", "/api/v1/postings", Caller.PARTNER, Body.NONE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/postings/{externalId}/duplicates", Caller.PARTNER, Body.NONE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/postings:duplicated", Caller.PARTNER, Body.NONE),
            Endpoint.of(POSTINGS, "POST", "/api/v1/postings:batch", Caller.PARTNER, Body.POSTING_LINES,
                    Trait.PER_LINE_RESULTS, Trait.CHECKS_CONTENT_TYPE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/feed/postings", Caller.PARTNER, Body.NONE),
            Endpoint.of(POSTINGS, "POST", "/api/v1/feed/keys", Caller.OPERATOR, Body.NONE),
            Endpoint.of(POSTINGS, "GET", "/api/v1/feed/keys/{keyId}", Caller.OPERATOR, Body.NONE, Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "DELETE", "/api/v1/feed/keys/{keyId}", Caller.OPERATOR, Body.NONE, Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "PUT", "/api/v1/partners/{partnerId}/quota", Caller.OPERATOR, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "DELETE", "/api/v1/partners/{partnerId}/quota", Caller.OPERATOR, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "POST", "/api/v1/partners/{partnerId}/suspension", Caller.OPERATOR, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "DELETE", "/api/v1/partners/{partnerId}/suspension", Caller.OPERATOR, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(POSTINGS, "GET", "/api/v1/audit", Caller.OPERATOR, Body.NONE),
            Endpoint.of(SEEKERS, "POST", "/api/v1/seekers", Caller.ANYONE, Body.PROFILE, Trait.CHECKS_CONTENT_TYPE),
            Endpoint.of(SEEKERS, "GET", "/api/v1/seekers/me", Caller.SEEKER, Body.NONE),
            Endpoint.of(SEEKERS, "GET", "/api/v1/seekers:locations", Caller.OPERATOR, Body.NONE),
            Endpoint.of(SEEKERS, "PUT", "/api/v1/seekers/me", Caller.SEEKER, Body.PROFILE, Trait.CHECKS_CONTENT_TYPE),
            Endpoint.of(SEEKERS, "PATCH", "/api/v1/seekers/me", Caller.SEEKER, Body.PROFILE_PATCH,
                    Trait.CHECKS_CONTENT_TYPE),
            Endpoint.of(SEEKERS, "DELETE", "/api/v1/seekers/me", Caller.SEEKER, Body.NONE),
            Endpoint.of(MATCHING, "POST", "/api/v1/skills:extract", Caller.ANYONE, Body.EXTRACTION,
                    Trait.CHECKS_CONTENT_TYPE, Trait.NO_EFFECT),
            Endpoint.of(MATCHING, "GET", "/api/v1/matches/explain", Caller.OPERATOR, Body.NONE),
            Endpoint.of(MATCHING, "GET", "/api/v1/stats", Caller.OPERATOR, Body.NONE),
            Endpoint.of(MATCHING, "GET", "/api/v1/stats/outcomes", Caller.OPERATOR, Body.NONE),
            Endpoint.of(NOTIFICATION, "PUT", "/api/v1/partner/webhook", Caller.PARTNER, Body.WEBHOOK),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/partner/webhook", Caller.PARTNER, Body.NONE),
            Endpoint.of(NOTIFICATION, "DELETE", "/api/v1/partner/webhook", Caller.PARTNER, Body.NONE),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/partner/webhook/dead-letters", Caller.PARTNER, Body.NONE),
            Endpoint.of(NOTIFICATION, "POST", "/api/v1/partner/webhook/dead-letters/replay", Caller.PARTNER, Body.REPLAY),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/partner/webhook/deliveries", Caller.PARTNER, Body.NONE),
            Endpoint.of(NOTIFICATION, "POST", "/api/v1/me/matches/{matchId}/dismiss", Caller.SEEKER, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(NOTIFICATION, "POST", "/api/v1/me/matches/{matchId}/apply", Caller.SEEKER, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/me/matches", Caller.SEEKER, Body.NONE),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/me/applications", Caller.SEEKER, Body.NONE),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/me/applications/{applicationId}", Caller.SEEKER, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(NOTIFICATION, "DELETE", "/api/v1/me/applications/{applicationId}", Caller.SEEKER, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/partner/applications", Caller.PARTNER, Body.NONE),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/partner/applications/{applicationId}", Caller.PARTNER, Body.NONE,
                    Trait.NAMED_MUST_EXIST),
            Endpoint.of(NOTIFICATION, "POST", "/api/v1/partner/applications/{applicationId}/outcome", Caller.PARTNER,
                    Body.NONE, Trait.NAMED_MUST_EXIST),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/me/matches/stream", Caller.SEEKER, Body.NONE, Trait.EVENT_STREAM),
            Endpoint.of(NOTIFICATION, "GET", "/api/v1/operator/events/stream", Caller.OPERATOR, Body.NONE,
                    Trait.EVENT_STREAM));

    /** Served by every service besides its API, to anyone (the actuator's index where it is public). */
    private static final List<String> INFRASTRUCTURE = List.of("/actuator", "/actuator/health",
            "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html");

    /** Served by every service besides its API, to operators and auditors only (root README, "Identity model"). */
    private static final List<String> OPERATOR_INFRASTRUCTURE = List.of("/actuator/prometheus");

    /** The actuator index's links ({@code _links}) that the list above covers. */
    private static final Set<String> ACTUATOR_LINKS = Set.of("self", "health", "health-path", "info", "prometheus");

    private static final Pattern CLASS_PREFIX = Pattern.compile(
            "@RequestMapping\\(([^)]*)\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*(?:public\\s+|final\\s+)*class\\s");
    private static final Pattern METHOD_MAPPING = Pattern.compile("@(Get|Post|Put|Delete|Patch)Mapping(?:\\(([^)]*)\\))?");
    private static final Pattern NAMED_PATH = Pattern.compile("(?:path|value)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern LEADING_PATH = Pattern.compile("^\\s*\"([^\"]*)\"");

    private PublicEndpoints() {
    }

    /**
     * The endpoints of every service, after checking that the OpenAPI documents, the source and the profiles name the
     * same operations and that every infrastructure endpoint answers.
     */
    static List<Endpoint> all(ServicesUnderTest services) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Endpoint> all = new ArrayList<>();
        for (DoorstepService service : DoorstepService.values()) {
            Set<String> profiled = operations(API.stream().filter(e -> e.service() == service));
            Map<String, List<String>> documented = fromOpenApi(http, services.url(service));
            assertThat(new TreeSet<>(documented.keySet()))
                    .as("%s: the operations of /v3/api-docs are the ones profiled here", service.module())
                    .isEqualTo(profiled);
            assertThat(fromSource(ServicesUnderTest.projectRoot().resolve(service.module())))
                    .as("%s: the request mappings in src/main are the ones profiled here", service.module())
                    .isEqualTo(profiled);
            HttpResponse<String> index = get(http, services.url(service) + "/actuator");
            if (index.statusCode() == 200) {
                assertThat(names(PlatformClient.json(index.body()).path("_links"))).as("%s: /actuator lists", service.module())
                        .containsExactlyInAnyOrderElementsOf(ACTUATOR_LINKS);
            }
            for (String path : INFRASTRUCTURE) {
                if (path.equals("/actuator") && index.statusCode() != 200) {
                    continue; // not public here
                }
                int status = get(http, services.url(service) + path).statusCode();
                assertThat(status).as("%s GET %s", service.module(), path).isBetween(200, 399);
                all.add(Endpoint.of(service, "GET", path, Caller.ANYONE, Body.NONE, Trait.INFRASTRUCTURE));
            }
            for (String path : OPERATOR_INFRASTRUCTURE) {
                assertThat(get(http, services.url(service) + path).statusCode())
                        .as("%s GET %s without a token", service.module(), path).isEqualTo(401);
                for (String token : List.of(ServicesUnderTest.OPERATOR_TOKEN, ServicesUnderTest.AUDITOR_TOKEN)) {
                    assertThat(get(http, services.url(service) + path, token).statusCode())
                            .as("%s GET %s with the operator's or the auditor's token", service.module(), path)
                            .isBetween(200, 399);
                }
                all.add(Endpoint.of(service, "GET", path, Caller.OPERATOR, Body.NONE, Trait.INFRASTRUCTURE));
            }
            all.addAll(API.stream().filter(e -> e.service() == service)
                    .map(e -> e.withQuery(documented.get(e.operation()))).toList());
        }
        return List.copyOf(all);
    }

    /** "METHOD /path" of every operation in the service's OpenAPI document, with the query parameters it names. */
    static Map<String, List<String>> fromOpenApi(HttpClient http, String baseUrl) {
        JsonNode doc = PlatformClient.json(get(http, baseUrl + "/v3/api-docs").body());
        Map<String, List<String>> operations = new java.util.TreeMap<>();
        doc.path("paths").properties().forEach(path -> names(path.getValue()).forEach(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)) {
                List<String> query = new ArrayList<>();
                path.getValue().path(method).path("parameters").forEach(p -> {
                    if (p.path("in").asText().equals("query")) {
                        query.add(p.path("name").asText());
                    }
                });
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(), query);
            }
        }));
        return operations;
    }

    /** "METHOD /path" of every request mapping written in the module's main sources. */
    static Set<String> fromSource(Path module) {
        Set<String> operations = new TreeSet<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                assertThat(source).as("%s: a router function, which this scan cannot read", file)
                        .doesNotContain("RouterFunction");
                Matcher prefix = CLASS_PREFIX.matcher(source);
                String base = prefix.find() ? path(prefix.group(1)) : "";
                Matcher mapping = METHOD_MAPPING.matcher(source);
                while (mapping.find()) {
                    String arguments = mapping.group(2) == null ? "" : mapping.group(2);
                    operations.add(mapping.group(1).toUpperCase(Locale.ROOT) + " " + base + path(arguments));
                }
                assertThat(source.replaceAll("@RequestMapping\\(([^)]*)\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
                        + "(?:public\\s+|final\\s+)*class\\s", "")).as("%s: a method-level @RequestMapping", file)
                        .doesNotContain("@RequestMapping");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return operations;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String path(String arguments) {
        Matcher named = NAMED_PATH.matcher(arguments);
        if (named.find()) {
            return named.group(1);
        }
        Matcher leading = LEADING_PATH.matcher(arguments);
        return leading.find() ? leading.group(1) : "";
    }

    private static Set<String> operations(Stream<Endpoint> endpoints) {
        return new TreeSet<>(endpoints.map(Endpoint::operation).toList());
    }

    private static HttpResponse<String> get(HttpClient http, String url) {
        return get(http, url, null);
    }

    private static HttpResponse<String> get(HttpClient http, String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many endpoints each service has in {@code endpoints}, API and infrastructure. */
    static Map<DoorstepService, long[]> counts(List<Endpoint> endpoints) {
        Map<DoorstepService, long[]> counts = new java.util.EnumMap<>(DoorstepService.class);
        for (Endpoint e : endpoints) {
            counts.computeIfAbsent(e.service(), s -> new long[2])[e.has(Trait.INFRASTRUCTURE) ? 1 : 0]++;
        }
        return counts;
    }
}
