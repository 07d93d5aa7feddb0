package org.doorstep.systemtest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.doorstep.systemtest.Endpoint.Body;
import org.doorstep.systemtest.Endpoint.Caller;
import org.doorstep.systemtest.Endpoint.Trait;
import org.doorstep.systemtest.HostileRequest.Header;

/**
 * jqwik arbitraries of hostile requests aimed at one endpoint. A request is put together from seven independent
 * choices (method, path, query, credential, content type, body, extra headers), each either harmless or hostile,
 * and each knowing what it does to the endpoint's answer ({@link Effect}). A request that could change state (an
 * unsafe method) is only generated when one of its faults is sure to make it refused, so no request of the run is
 * meant to be accepted by an endpoint that writes. The harmless choice of each part comes first, so jqwik's
 * shrinking takes the faults out one by one.
 */
final class HostileRequests {

    /** What a fault does to the answer. */
    enum Effect {
        /** nothing an endpoint should refuse (junk it must ignore or answer either way) */
        NEUTRAL,
        /** the endpoint must refuse it, as long as the request still reaches the endpoint */
        REFUSED_HERE,
        /** refused wherever it lands: no route (404), wrong method (405), too large (414, 431), not HTTP (400) */
        REFUSED,
        /** may not reach the endpoint any more, with an outcome this test does not predict (HEAD, OPTIONS, ;params) */
        DETOUR
    }

    /** One choice for one part of a request: its label for the summary, its effect, and how it changes the draft. */
    record Fault(String label, Effect effect, Consumer<Draft> change) {

        static Fault none(Consumer<Draft> change) {
            return new Fault("", Effect.NEUTRAL, change);
        }
    }

    /** A request being put together. */
    static final class Draft {
        String method;
        String path;
        String query = "";
        final List<Header> headers = new ArrayList<>();
        byte[] body;
    }

    /** The ids the setup registered, for the few harmless paths that name something real (only on safe endpoints). */
    record KnownIds(String partnerId, String externalId, String postingId, String seekerId) {
    }

    /** Where the body's fault is in the list {@link #aimedAt} puts together. */
    private static final int BODY = 5;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final List<Endpoint> endpoints;
    private final HostileCredentials credentials;
    private final HostileBodies bodies = new HostileBodies();
    private final KnownIds known;

    HostileRequests(List<Endpoint> endpoints, HostileCredentials credentials, KnownIds known) {
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.known = known;
    }

    /** Hostile requests aimed at {@code endpoint}. */
    Arbitrary<HostileRequest> aimedAt(Endpoint endpoint) {
        return Combinators.combine(method(endpoint), path(endpoint), query(endpoint), credential(endpoint),
                        contentType(endpoint), body(endpoint), extraHeaders(endpoint))
                .as((method, path, query, credential, type, body, extra) ->
                        assemble(endpoint, List.of(method, path, query, credential, type, body, extra)))
                .filter(Optional::isPresent)
                .map(Optional::get);
    }

    /** The request, or none if it could change state and nothing in it is sure to be refused. */
    private static Optional<HostileRequest> assemble(Endpoint endpoint, List<Fault> faults) {
        Draft draft = new Draft();
        draft.method = endpoint.method();
        draft.path = endpoint.template();
        faults.forEach(f -> f.change().accept(draft));
        boolean detour = faults.stream().anyMatch(f -> f.effect() == Effect.DETOUR);
        boolean refused = faults.stream().anyMatch(f -> f.effect() == Effect.REFUSED)
                || (!detour && faults.stream().anyMatch(f -> f.effect() == Effect.REFUSED_HERE));
        // OPTIONS is answered by the framework for any path a route could take (200 with Allow), before any check
        refused &= !draft.method.equals("OPTIONS");
        boolean writes = !SAFE_METHODS.contains(draft.method) && !endpoint.has(Trait.NO_EFFECT);
        if (writes && !refused) {
            return Optional.empty();
        }
        List<Fault> withoutBody = new ArrayList<>(faults);
        withoutBody.remove(BODY);
        boolean refusedWhateverTheBody = !draft.method.equals("OPTIONS")
                && (withoutBody.stream().anyMatch(f -> f.effect() == Effect.REFUSED)
                || (!detour && withoutBody.stream().anyMatch(f -> f.effect() == Effect.REFUSED_HERE)));
        List<String> labels = faults.stream().map(Fault::label).filter(l -> !l.isEmpty()).toList();
        return Optional.of(new HostileRequest(endpoint, draft.method, draft.path + draft.query,
                List.copyOf(draft.headers), draft.body, refused, refusedWhateverTheBody, labels));
    }

    // ---- method ----------------------------------------------------------------------------------------------

    private Arbitrary<Fault> method(Endpoint endpoint) {
        Set<String> allowed = endpoints.stream().filter(e -> e.service() == endpoint.service()
                && e.template().equals(endpoint.template())).map(Endpoint::method).collect(Collectors.toSet());
        List<String> refused = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        refused.removeAll(allowed);
        // not "GET\u0000": Netty trims the method name, so that is a GET
        refused.addAll(List.of("TRACE", "CONNECT", "FOO", "PROPFIND", "M-SEARCH", "G E T", "A".repeat(5_000)));
        Arbitrary<Fault> wrong = Arbitraries.of(refused).map(m -> new Fault("method:" + shortLabel(m), Effect.REFUSED,
                d -> d.method = m));
        Arbitrary<Fault> detour = Arbitraries.of(allowed.contains("GET") ? List.of("HEAD", "OPTIONS") : List.of("OPTIONS"))
                .map(m -> new Fault("method:" + m, Effect.DETOUR, d -> d.method = m));
        Arbitrary<Fault> lowercase = Arbitraries.just(new Fault("method:lowercase", Effect.DETOUR,
                d -> d.method = d.method.toLowerCase(Locale.ROOT)));
        return Arbitraries.frequencyOf(
                Tuple.of(24, Arbitraries.just(Fault.none(d -> { }))),
                Tuple.of(4, wrong),
                Tuple.of(2, detour),
                Tuple.of(1, lowercase));
    }

    // ---- path ------------------------------------------------------------------------------------------------

    /** Path segments as sent (percent-encoded or raw bytes); true: not an id anywhere (bad UTF-8, control, '/', ...). */
    private static final Map<String, Boolean> IDS = ids();

    private Arbitrary<Fault> path(Endpoint endpoint) {
        List<String> variables = variables(endpoint.template());
        boolean mustExist = endpoint.has(Trait.NAMED_MUST_EXIST);
        Arbitrary<Fault> plain = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12)
                .map(id -> new Fault(variables.isEmpty() ? "" : "path:made-up-id",
                        variables.isEmpty() ? Effect.NEUTRAL : mustExist ? Effect.REFUSED_HERE : Effect.NEUTRAL,
                        d -> d.path = fill(d.path, v -> "hx-" + id)));
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Fault>>> choices = new ArrayList<>();
        choices.add(Tuple.of(8, plain));
        if (!variables.isEmpty()) {
            choices.add(Tuple.of(10, Combinators.combine(Arbitraries.of(variables), Arbitraries.of(List.copyOf(IDS.keySet())))
                    .as((variable, id) -> new Fault("path:" + shortLabel(id),
                            IDS.get(id) || mustExist ? Effect.REFUSED_HERE : Effect.NEUTRAL,
                            d -> d.path = fill(d.path, v -> v.equals(variable) ? id : "hx-1")))));
            if (endpoint.safe()) {
                choices.add(Tuple.of(3, Arbitraries.just(Fault.none(d -> d.path = fill(d.path, this::real)))));
            }
        }
        choices.add(Tuple.of(4, routeChanges(endpoint)));
        choices.add(Tuple.of(2, detours(endpoint)));
        choices.add(Tuple.of(2, elsewhere()));
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    /** Paths that no route takes: the endpoint's path with a segment more, changed case, a look-alike letter, ... */
    private static Arbitrary<Fault> routeChanges(Endpoint endpoint) {
        List<Map.Entry<String, UnaryOperator<String>>> changes = List.of(
                Map.entry("extra-segment", p -> p + "/hx"),
                Map.entry("extra-nul-segment", p -> p + "/%00"),
                Map.entry("extra-ff-segment", p -> p + "/%FF"),
                Map.entry("extra-encoded-slash", p -> p + "%2Fhx"),
                Map.entry("trailing-dot", p -> p + "."),
                Map.entry("trailing-encoded-dot", p -> p + "%2E"),
                Map.entry("trailing-nul", p -> p + "%00"),
                Map.entry("trailing-space", p -> p + "%20"),
                Map.entry("trailing-crlf", p -> p + "%0D%0A"),
                Map.entry("trailing-unicode", p -> p + "%E2%80%AE"),
                Map.entry("upper-case", p -> p.toUpperCase(Locale.ROOT)),
                Map.entry("cyrillic-a", p -> first(p, "a", "%D0%B0")),
                Map.entry("raw-cyrillic-a", p -> first(p, "a", Bytes.utf8("а"))),
                Map.entry("fullwidth-slash", p -> first(p, "/v1/", "/v1%EF%BC%8F")),
                Map.entry("long-segment", p -> p + "/" + "x".repeat(3_000)),
                Map.entry("very-long-path", p -> p + "/" + "y".repeat(70_000)),
                Map.entry("many-segments", p -> p + "/a".repeat(1_500)),
                Map.entry("backslash", p -> first(p, "/api/", "/api\\")),
                Map.entry("encoded-backslash", p -> first(p, "/api/", "/api%5C")),
                Map.entry("overlong-slash", p -> first(p, "/api/", "/api%C0%AF")),
                Map.entry("double-encoded-slash", p -> first(p, "/api/", "/api%252F")));
        String path = fill(endpoint.template(), v -> "hx-2");
        List<Fault> faults = changes.stream().filter(c -> !c.getValue().apply(path).equals(path))
                .map(c -> new Fault("route:" + c.getKey(), Effect.REFUSED, d -> d.path = c.getValue().apply(path)))
                .toList();
        return Arbitraries.of(faults);
    }

    /** Paths that spell the endpoint's path differently: a server may or may not take them for it. */
    private static Arbitrary<Fault> detours(Endpoint endpoint) {
        List<Map.Entry<String, UnaryOperator<String>>> changes = List.of(
                Map.entry("matrix-parameter", p -> p + ";jsessionid=x"),
                Map.entry("trailing-slash", p -> p + "/"),
                Map.entry("double-slash", p -> first(p, "/api/", "/api//")),
                Map.entry("dot-segment", p -> first(p, "/api/", "/api/./")),
                Map.entry("dot-dot-segment", p -> first(p, "/api/", "/api/hx/../")),
                Map.entry("encoded-dot-dot", p -> first(p, "/api/", "/api/hx/%2E%2E/")),
                Map.entry("encoded-letter", p -> first(p, "a", "%61")),
                Map.entry("encoded-letter-lower-hex", p -> first(p, "p", "%70")),
                Map.entry("absolute-form", p -> "http://127.0.0.1" + p),
                Map.entry("no-leading-slash", p -> p.substring(1)));
        String path = fill(endpoint.template(), v -> "hx-3");
        return Arbitraries.of(changes.stream().filter(c -> !c.getValue().apply(path).equals(path)).toList())
                .map(c -> new Fault("path-detour:" + c.getKey(), Effect.DETOUR, d -> d.path = c.getValue().apply(path)));
    }

    /** Paths no service has. */
    private static Arbitrary<Fault> elsewhere() {
        return Arbitraries.of("/", "/.env", "/admin", "/api", "/api/v1", "/api/v2/postings", "/actuator/env",
                        "/actuator/heapdump", "/actuator/shutdown", "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd",
                        "/..%2F..%2Fetc%2Fpasswd", "/%00", "/%FF%FE", "/%C0%AE%C0%AE/", "/%ZZ", "/%", "/%u0041",
                        "/" + Bytes.utf8("职位"), "/%E8%81%8C%E4%BD%8D", "/api/v1/" + "%F0%9F%98%80".repeat(50),
                        "/{x}", "/<script>", "/a b", "/a\tb", "/api/v1/postings/../../actuator/env", "*", "?", "//",
                        "/api/v1/seekers/me/../../../actuator/env", "/WEB-INF/web.xml", "/index.html")
                .map(p -> new Fault("elsewhere:" + shortLabel(p), Effect.REFUSED, d -> d.path = p));
    }

    private String real(String variable) {
        return switch (variable) {
            case "partnerId" -> known.partnerId();
            case "externalId" -> known.externalId();
            default -> "hx-4";
        };
    }

    // ---- query -----------------------------------------------------------------------------------------------

    private static final List<String> QUERY_VALUES = List.of("", "-1", "0", "1", "2147483648", "99999999999999999999",
            "1e3", "0x10", "NaN", "1.5", "%201", "%00", "%FF", "%ZZ", "%E2%80%AE", "%F0%9F%98%80", "x".repeat(3_000),
            "OPEN", "open", "CLOSED%00", "null", "%5B%5D", "%7B%7D", "%2B1", "+1", "%EF%BC%91", "%D9%A3", "-0",
            "00000000000000000001", "%E2%80%A8", Bytes.utf8("١٠"), "%", "a%2Fb", "..%2F..%2F", "%27%20OR%201=1--",
            "%24ne", "9223372036854775808", "-9223372036854775809");

    private Arbitrary<Fault> query(Endpoint endpoint) {
        List<String> names = new ArrayList<>(endpoint.query());
        names.addAll(List.of("limit", "cursor", "status", "lastEventId", "postingId", "seekerId", "x"));
        Arbitrary<Fault> values = Combinators.combine(Arbitraries.of(names), Arbitraries.of(QUERY_VALUES))
                .as((name, value) -> new Fault("query:" + name + "=" + shortLabel(value), Effect.NEUTRAL,
                        d -> d.query = "?" + name + "=" + value));
        Arbitrary<Fault> two = Combinators.combine(Arbitraries.of(names), Arbitraries.of(QUERY_VALUES), Arbitraries.of(QUERY_VALUES))
                .as((name, a, b) -> new Fault("query:" + name + "-twice", Effect.NEUTRAL,
                        d -> d.query = "?" + name + "=" + a + "&" + name + "=" + b));
        Arbitrary<Fault> shapes = Arbitraries.of("?", "?&&&", "?=x", "?limit", "?limit[]=1", "?limit=1;cursor=2", "?%00=1",
                        "?" + IntStream.range(0, 300).mapToObj(i -> "p" + i + "=" + i).collect(Collectors.joining("&")),
                        "?x=" + "q".repeat(70_000), "?a=b#fragment", "?" + Bytes.utf8("键=值"), "??", "?%26=%3D")
                .map(q -> new Fault("query:" + shortLabel(q), Effect.NEUTRAL, d -> d.query = q));
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Fault>>> choices = new ArrayList<>(List.of(
                Tuple.of(10, Arbitraries.just(Fault.none(d -> { }))),
                Tuple.of(5, values), Tuple.of(1, two), Tuple.of(2, shapes)));
        if (endpoint.template().equals("/api/v1/matches/explain")) {
            // the real pair, so that the explanation is computed with hostile headers around it
            choices.add(Tuple.of(4, Arbitraries.just(Fault.none(d -> d.query = "?postingId=" + known.postingId()
                    + "&seekerId=" + known.seekerId()))));
        }
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    // ---- credential ------------------------------------------------------------------------------------------

    private Arbitrary<Fault> credential(Endpoint endpoint) {
        Caller caller = endpoint.caller();
        String valid = credentials.valid(caller);
        Arbitrary<Fault> hostile = Arbitraries.of(credentials.hostile(caller, endpoint.has(Endpoint.Trait.PARTNERS_TOO))).map(c -> new Fault(c.label(),
                c.refused() ? Effect.REFUSED_HERE : Effect.NEUTRAL, d -> d.headers.addAll(c.headers())));
        if (valid == null) {
            return Arbitraries.frequencyOf(
                    Tuple.of(6, Arbitraries.just(Fault.none(d -> { }))),
                    Tuple.of(1, hostile));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(Fault.none(d -> d.headers.add(new Header("Authorization", "Bearer " + valid))))),
                Tuple.of(2, Arbitraries.just(new Fault("auth:none", Effect.REFUSED_HERE, d -> { }))),
                Tuple.of(10, hostile));
    }

    // ---- content type ----------------------------------------------------------------------------------------

    private static Arbitrary<Fault> contentType(Endpoint endpoint) {
        String right = switch (endpoint.body()) {
            case NONE -> null;
            case POSTING_LINES -> "application/x-ndjson";
            case PROFILE_PATCH -> "application/merge-patch+json";
            default -> "application/json";
        };
        boolean checked = endpoint.has(Trait.CHECKS_CONTENT_TYPE);
        List<String> wrong = new ArrayList<>(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=hx", "image/png", "garbage", "application/octet-stream"));
        wrong.add(endpoint.body() == Body.PROFILE_PATCH ? "application/json" : "application/merge-patch+json");
        List<String> unclear = List.of("application/json;charset=utf-16", "application/json; charset=\"no-such-charset\"",
                "APPLICATION/JSON", "application/json+hostile", "*/*", "application/*", "", "application/json, text/plain",
                "application/json;" + "p=v;".repeat(500), "text/event-stream", "application/problem+json",
                Bytes.utf8("application/jsön"), "application/json\u0000");
        Arbitrary<Fault> refusing = Arbitraries.of(wrong).map(t -> new Fault("content-type:" + shortLabel(t),
                checked ? Effect.REFUSED_HERE : Effect.NEUTRAL, d -> d.headers.add(new Header("Content-Type", t))));
        Arbitrary<Fault> other = Arbitraries.of(unclear).map(t -> new Fault("content-type:" + shortLabel(t), Effect.NEUTRAL,
                d -> d.headers.add(new Header("Content-Type", t))));
        Arbitrary<Fault> twice = Arbitraries.of(wrong).map(t -> new Fault("content-type:twice", Effect.NEUTRAL,
                d -> {
                    d.headers.add(new Header("Content-Type", right == null ? "application/json" : right));
                    d.headers.add(new Header("Content-Type", t));
                }));
        Arbitrary<Fault> missing = Arbitraries.just(new Fault(right == null ? "" : "content-type:missing",
                checked ? Effect.REFUSED_HERE : Effect.NEUTRAL, d -> { }));
        Arbitrary<Fault> correct = Arbitraries.just(Fault.none(d -> {
            if (right != null) {
                d.headers.add(new Header("Content-Type", right));
            }
        }));
        return Arbitraries.frequencyOf(Tuple.of(12, correct), Tuple.of(3, refusing), Tuple.of(2, other),
                Tuple.of(1, twice), Tuple.of(1, missing));
    }

    // ---- body ------------------------------------------------------------------------------------------------

    private Arbitrary<Fault> body(Endpoint endpoint) {
        return bodies.of(endpoint.body()).map(s -> new Fault(s.label(),
                s.refused() ? Effect.REFUSED_HERE : Effect.NEUTRAL, d -> d.body = s.bytes()));
    }

    // ---- other headers ---------------------------------------------------------------------------------------

    private Arbitrary<Fault> extraHeaders(Endpoint endpoint) {
        Arbitrary<Fault> one = Arbitraries.frequencyOf(
                Tuple.of(10, junkHeaders(endpoint)),
                Tuple.of(2, framing()));
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(Fault.none(d -> { }))),
                Tuple.of(8, one),
                Tuple.of(3, one.list().ofMinSize(2).ofMaxSize(3).map(faults -> new Fault(
                        faults.stream().map(Fault::label).collect(Collectors.joining("+")),
                        faults.stream().anyMatch(f -> f.effect() == Effect.REFUSED) ? Effect.REFUSED
                                : faults.stream().anyMatch(f -> f.effect() == Effect.REFUSED_HERE) ? Effect.REFUSED_HERE
                                : Effect.NEUTRAL,
                        d -> faults.forEach(f -> f.change().accept(d))))));
    }

    /** Headers a server must take in its stride (ignore, or refuse with a problem). */
    private static Arbitrary<Fault> junkHeaders(Endpoint endpoint) {
        List<Header> junk = new ArrayList<>(List.of(
                new Header("Accept-Language", "*;q=foo"),
                new Header("Accept-Language", "en;q=1.5, zh-Hans-CN-u-ca-chinese-x-private, ,,,"),
                new Header("Accept-Language", IntStream.range(0, 400).mapToObj(i -> "x" + i).collect(Collectors.joining(","))),
                new Header("Accept-Language", Bytes.utf8("中文, русский")),
                new Header("Accept-Language", "\u00ff\u00fe"),
                new Header("Accept-Language", "i-klingon;q=0.000001, " + "a".repeat(100)),
                new Header("Accept", "application/xml"),
                new Header("Accept", "text/plain"),
                new Header("Accept", "image/png"),
                new Header("Accept", "*/*;q=0"),
                new Header("Accept", "application/json;q=0, application/problem+json;q=0"),
                new Header("Accept", "text/event-stream"),
                new Header("Accept", "application/x-ndjson"),
                new Header("Accept", "foo"),
                new Header("Accept", "foo/bar/baz"),
                new Header("Accept", "*/*;q=abc"),
                new Header("Accept", ","),
                new Header("Accept", "application/json;charset=ebcdic"),
                new Header("Accept-Charset", "ebcdic, utf-7"),
                new Header("Accept-Encoding", "gzip;q=abc, br, zstd, *"),
                new Header("Content-Encoding", "gzip"),
                new Header("Content-Encoding", "deflate, hostile"),
                new Header("User-Agent", ""),
                new Header("User-Agent", "U".repeat(6_000)),
                new Header("User-Agent", Bytes.utf8("curl/8 🙂 \u202e")),
                new Header("X-Forwarded-For", "999.999.999.999"),
                new Header("X-Forwarded-For", "127.0.0.1, ::1, garbage, <script>"),
                new Header("X-Forwarded-Host", "evil.example"),
                new Header("X-Forwarded-Proto", "gopher"),
                new Header("X-Forwarded-Prefix", "/../../admin"),
                new Header("X-Forwarded-Port", "99999999"),
                new Header("Forwarded", "for=\"[::1\";proto=h2c;by=unknown;host=\""),
                new Header("Origin", "null"),
                new Header("Origin", "https://evil.example"),
                new Header("Access-Control-Request-Method", "DELETE"),
                new Header("Access-Control-Request-Headers", "x-" + "h".repeat(2_000)),
                new Header("Cookie", "SESSION=../../; a=b; " + "c".repeat(3_000)),
                new Header("Last-Event-ID", "-1"),
                new Header("Last-Event-ID", "1e3"),
                new Header("Last-Event-ID", "9223372036854775808"),
                new Header("Last-Event-ID", "99999999999999999999999999999"),
                new Header("Last-Event-ID", Bytes.utf8("٣")),
                new Header("Last-Event-ID", Bytes.utf8("１２")),
                new Header("Last-Event-ID", Bytes.utf8("🙂")),
                new Header("Last-Event-ID", "abc"),
                new Header("Last-Event-ID", ""),
                new Header("Last-Event-ID", "+1"),
                new Header("Last-Event-ID", "0x10"),
                new Header("Last-Event-ID", "\u00ff"),
                new Header("If-None-Match", "*"),
                new Header("If-Modified-Since", "yesterday"),
                new Header("Range", "bytes=0-1,2-3,-1"),
                new Header("Range", "bytes=999999999999999999999-"),
                new Header("X-HTTP-Method-Override", "DELETE"),
                new Header("X-Method-Override", "PUT"),
                new Header("X-Hostile", "a\u0001b"),
                new Header("X-Hostile", "\u007f"),
                new Header("X-Hostile", Bytes.utf8("\u2028\u202e\ufeff")),
                new Header("X-Hostile", "%00%FF%ZZ"),
                new Header("X-" + "N".repeat(300), "long name"),
                new Header("X-Ä", "raw byte in name"),
                new Header("X Space", "space in name"),
                new Header("X-Fold", "a\r\n b"),
                new Header("Expect", "100-continue"),
                new Header("Expect", "200-ok"),
                new Header("Connection", "upgrade"),
                new Header("Upgrade", "h2c"),
                new Header("Upgrade", "websocket"),
                new Header("Host", ""),
                new Header("Host", "evil.example"),
                new Header("Host", "127.0.0.1:99999"),
                new Header("TE", "trailers, deflate;q=abc"),
                new Header("Max-Forwards", "-1")));
        List<Fault> faults = new ArrayList<>();
        for (Header h : junk) {
            faults.add(new Fault("header:" + shortLabel(h.name()) + "=" + shortLabel(h.value()), Effect.NEUTRAL,
                    d -> d.headers.add(h)));
        }
        faults.add(new Fault("header:oversized", Effect.REFUSED, d -> d.headers.add(new Header("X-Big", "b".repeat(9_000)))));
        faults.add(new Fault("header:too-many", Effect.REFUSED, d -> IntStream.range(0, 200)
                .forEach(i -> d.headers.add(new Header("X-H" + i, "v".repeat(60))))));
        faults.add(new Fault("header:duplicate-host", Effect.NEUTRAL, d -> {
            d.headers.add(new Header("Host", "127.0.0.1"));
            d.headers.add(new Header("Host", "evil.example"));
        }));
        if (endpoint.has(Trait.IF_MATCH)) {
            for (String tag : List.of("\"abc\"", "W/\"x\"", "\"\"", "99999999999999999999", "\"1\", \"2\"", "\u00ff")) {
                faults.add(new Fault("if-match:" + shortLabel(tag), Effect.REFUSED_HERE,
                        d -> d.headers.add(new Header("If-Match", tag))));
            }
        } else {
            faults.add(new Fault("if-match:garbage", Effect.NEUTRAL, d -> d.headers.add(new Header("If-Match", "\"abc\""))));
        }
        return Arbitraries.of(faults);
    }

    /** How the body is framed: a server must answer these with a 400, whatever the endpoint. */
    private static Arbitrary<Fault> framing() {
        return Arbitraries.of(
                new Fault("framing:two-content-lengths", Effect.NEUTRAL, d -> {
                    int length = d.body == null ? 0 : d.body.length;
                    d.headers.add(new Header("Content-Length", String.valueOf(length)));
                    d.headers.add(new Header("Content-Length", String.valueOf(length + 5)));
                }),
                new Fault("framing:negative-length", Effect.NEUTRAL, d -> d.headers.add(new Header("Content-Length", "-1"))),
                new Fault("framing:length-not-a-number", Effect.NEUTRAL, d -> d.headers.add(new Header("Content-Length", "abc"))),
                new Fault("framing:chunked-not-chunked", Effect.NEUTRAL, d -> {
                    d.headers.add(new Header("Transfer-Encoding", "chunked"));
                    d.body = "zz\r\nnot a chunk\r\n".getBytes(StandardCharsets.US_ASCII);
                }),
                new Fault("framing:chunked-and-length", Effect.NEUTRAL, d -> {
                    d.headers.add(new Header("Transfer-Encoding", "chunked"));
                    d.headers.add(new Header("Content-Length", "3"));
                    d.body = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                }),
                new Fault("framing:unknown-encoding", Effect.NEUTRAL, d -> d.headers.add(new Header("Transfer-Encoding", "hostile"))));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** {@code path} with the first {@code from} replaced by {@code to}, both taken literally. */
    private static String first(String path, String from, String to) {
        int at = path.indexOf(from);
        return at < 0 ? path : path.substring(0, at) + to + path.substring(at + from.length());
    }

    private static List<String> variables(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String fill(String path, Function<String, String> value) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A label short enough for a table: escaped, cut to 24 characters. */
    static String shortLabel(String s) {
        String escaped = HostileRequest.escape(s);
        return escaped.length() > 24 ? escaped.substring(0, 20) + "...(" + s.length() + ")" : escaped;
    }

    private static Map<String, Boolean> ids() {
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (String invalid : List.of("%00", "a%00b", "%FF", "%FE%FF", "%C0%AF", "%C0%AE%C0%AE", "%E0%80%AF", "%ED%A0%80",
                "%ED%BF%BF", "%F4%90%80%80", "%F8%88%80%80%80", "%2F", "a%2Fb", "%5C", "a%5Cb", "%25", "%2525", "%25%32%46",
                "%3F", "%23", "%20", "a%09b", "%0D%0A", "%0D%0ASet-Cookie:%20x=1", "%E2%80%A8", "%E2%80%A9", "%E2%80%AE",
                "%E2%81%A6", "%EF%BB%BF", "%E2%80%8B", "%EF%BF%BF", "%F3%A0%80%81", "%EE%80%80", "%C2%85", "%7F",
                "x".repeat(201), "%u0041", "%ZZ", "%", "%4", "a%g1", "\u00ff", "\u00c0\u00af", "\u0000", " ", "\t", "<>",
                "{x}", "\"", "|", "^", "`", "%FF".repeat(1_000), "%C3%A9".repeat(3_000), "%27%20OR%20%271%27=%271")) {
            ids.put(invalid, true);
        }
        for (String plausible : List.of("..", ".", "...", "a.", "-", "_", "~", "0", "-1", "9999999999999999999999", "null",
                "undefined", "%2e%2e", "%E8%81%8C%E4%BD%8D", Bytes.utf8("职位"), "%F0%9F%98%80", "%C2%A0", "%EF%BC%A1",
                "e%CC%81", "%CE%91", "%D9%A3", "con", "x".repeat(200), "a;b=c", "'", "%7B%22%24ne%22%3Anull%7D", "*", "a,b",
                "a+b", "@", "!", "(", "javascript:alert(1)", "$where", "me", "..%2F")) {
            ids.put(plausible, false);
        }
        return Collections.unmodifiableMap(ids);
    }
}
