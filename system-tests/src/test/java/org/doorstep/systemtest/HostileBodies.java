package org.doorstep.systemtest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.doorstep.systemtest.Endpoint.Body;

import static org.doorstep.systemtest.Endpoint.Body.CAMPAIGN;
import static org.doorstep.systemtest.Endpoint.Body.EXTRACTION;
import static org.doorstep.systemtest.Endpoint.Body.PARTNER;
import static org.doorstep.systemtest.Endpoint.Body.POSTING;
import static org.doorstep.systemtest.Endpoint.Body.POSTING_LINES;
import static org.doorstep.systemtest.Endpoint.Body.PROFILE;
import static org.doorstep.systemtest.Endpoint.Body.PROFILE_PATCH;
import static org.doorstep.systemtest.Endpoint.Body.REPLAY;
import static org.doorstep.systemtest.Endpoint.Body.WEBHOOK;

/**
 * Hostile request bodies of each kind, made from a valid body of that kind: malformed JSON, wrong types, huge
 * numbers, deep nesting, very long strings, NUL, U+2028, bidi controls and lone surrogates (escaped in JSON, and as
 * raw bytes), bytes that are not UTF-8, other encodings, unknown and duplicate properties. Each sample says whether
 * the endpoint must refuse it, by what each service documents: postings-service refuses control and format
 * characters, separators and lone surrogates in free text; seekers-service only control characters; both read
 * strictly (unknown properties, duplicate keys, trailing content), the others with Spring's lenient defaults.
 */
final class HostileBodies {

    /** A body and whether the endpoint must refuse it. */
    record Sample(String label, byte[] bytes, boolean refused) {
    }

    /** Kinds read strictly: unknown properties, duplicate keys and trailing content are errors. */
    private static final Set<Body> STRICT = EnumSet.of(POSTING, POSTING_LINES, PROFILE, PROFILE_PATCH);
    /** Kinds that refuse a property they do not know. */
    private static final Set<Body> UNKNOWN_REFUSED = EnumSet.of(POSTING, POSTING_LINES, PROFILE, PROFILE_PATCH, CAMPAIGN);
    /** Kinds whose free text refuses format characters, separators and lone surrogates, not only controls. */
    private static final Set<Body> PRINTABLE_TEXT = EnumSet.of(POSTING, POSTING_LINES, CAMPAIGN, PARTNER);
    /** Kinds that refuse a body that is absent, empty or {@code null}. */
    private static final Set<Body> BODY_REQUIRED = EnumSet.of(POSTING, POSTING_LINES, CAMPAIGN, PARTNER, PROFILE,
            PROFILE_PATCH, WEBHOOK);
    /** Kinds that must be a JSON object. */
    private static final Set<Body> OBJECT_REQUIRED = EnumSet.of(POSTING, POSTING_LINES, CAMPAIGN, PARTNER, PROFILE,
            PROFILE_PATCH, WEBHOOK, REPLAY);

    /** Reads numbers exactly (1e400 stays 1e400, not infinity). */
    private static final ObjectMapper READ = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final ObjectMapper ESCAPING = new ObjectMapper(JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());
    private static final ObjectMapper RAW = new ObjectMapper();

    /** Characters that must not pass as text: [char, refused by seekers-service too]. */
    private static final Map<String, Boolean> HAZARDS = hazards();

    private final Map<Body, String> templates = new java.util.EnumMap<>(Body.class);
    private final Map<Body, String> textFields = Map.of(POSTING, "title", POSTING_LINES, "title", CAMPAIGN, "name",
            PARTNER, "name", PROFILE, "displayName", PROFILE_PATCH, "displayName", WEBHOOK, "url",
            REPLAY, "eventIds", EXTRACTION, "text");
    private final Map<Body, Map<String, List<String>>> invalid = new java.util.EnumMap<>(Body.class);

    HostileBodies() {
        String posting = PlatformClient.posting();
        templates.put(POSTING, posting);
        templates.put(POSTING_LINES, set(posting, "externalId", "\"hx-line-1\""));
        templates.put(CAMPAIGN, """
                {"name": "Hostile spring campaign", "startsOn": "2026-03-01", "endsOn": "2026-06-30",
                 "targetJobs": 100, "targetGroups": ["COLLEGE_GRADUATE"]}""");
        templates.put(PARTNER, "{\"name\": \"Hostile Job Board\", \"contactEmail\": \"hostile@jobs.example\"}");
        templates.put(PROFILE, """
                {"displayName": "Li Wei", "location": {"lat": 30.61, "lon": 104.07, "regionCode": "510100"},
                 "maxDistanceKm": 25, "remoteOk": true, "desiredOccupations": ["2512"],
                 "skills": [{"label": "Java", "level": "INTERMEDIATE"}, {"label": "SQL", "level": "BASIC"}],
                 "education": "BACHELOR", "experienceYears": 1, "employmentTypes": ["FULL_TIME"], "languages": ["zh"]}""");
        templates.put(PROFILE_PATCH, "{\"displayName\": \"Li\", \"maxDistanceKm\": 20}");
        // a private address: refused with every change made to it, so no webhook can ever be registered (and no
        // name is ever looked up in DNS)
        templates.put(WEBHOOK, "{\"url\": \"https://10.20.30.40/doorstep-hook\"}");
        templates.put(REPLAY, "{\"eventIds\": [\"no-such-event\"]}");
        templates.put(EXTRACTION, "{\"text\": \"Java developer with Spring Boot, SQL and Kafka; 熟悉Python开发\", \"limit\": 10}");
        invalid.put(POSTING, postingFields());
        Map<String, List<String>> lineFields = new LinkedHashMap<>(postingFields());
        lineFields.put("externalId", List.of("5", "\"\"", "\"a b\"", "\"a/b\"", "\"x\\u0000\"", "null"));
        invalid.put(POSTING_LINES, lineFields);
        invalid.put(CAMPAIGN, Map.of(
                "name", List.of("\"\"", "\"   \"", "{}", "[]", "null", longString(201)),
                "startsOn", List.of("\"2026-13-01\"", "\"yesterday\"", "20260101", "\"2026-02-30\""),
                "endsOn", List.of("\"2025-01-01\"", "\"+99999-01-01\""),
                "targetJobs", List.of("-1", "1.5", "\"10\"", "1e400", "99999999999999999999999", "1000000001", "null"),
                "targetGroups", List.of("\"ALL\"", "[\"ALIENS\"]", "[1]", "{}"),
                "code", List.of("\"has space\"", "\"\"", "\"x/y\"", longString(65))));
        invalid.put(PARTNER, Map.of(
                "name", List.of("\"\"", "\"   \"", "{}", "[]", "null", longString(10_000)),
                "contactEmail", List.of("\"not-an-email\"", "\"\"", "\"a@b\"", "\"a@@b.c\"", "null", "{}", "\"a b@c.de\"")));
        Map<String, List<String>> profile = new LinkedHashMap<>();
        profile.put("displayName", List.of("42", "true", "{}", "[]", "\"\"", "\"   \"", longString(101), "\"a\\u0001b\""));
        profile.put("location", List.of("\"here\"", "1", "[]"));
        profile.put("location.lat", List.of("91", "-90.5", "\"30\"", "true", "1e400"));
        profile.put("location.lon", List.of("181", "\"x\"", "-1000"));
        profile.put("maxDistanceKm", List.of("-1", "20001", "\"10\"", "true", "99999999999999999999999"));
        profile.put("remoteOk", List.of("\"yes\"", "1", "{}"));
        profile.put("desiredOccupations", List.of("\"2512\"", "{}", "[1]", "[\"\"]", "[null]"));
        profile.put("skills", List.of("{}", "\"Java\"", "[{}]", "[{\"level\":\"GURU\",\"label\":\"x\"}]", "[null]"));
        profile.put("education", List.of("\"KINDERGARTEN\"", "3", "\"bachelor\""));
        profile.put("experienceYears", List.of("-1", "81", "\"2\"", "1e400"));
        profile.put("employmentTypes", List.of("[\"FULL_TIME\",\"FULL_TIME\"]", "[\"CONTRACT\"]", "\"FULL_TIME\""));
        profile.put("languages", List.of("[\"Chinese\"]", "[1]", "\"zh\""));
        profile.put("notifications", List.of("\"all\"", "{\"channels\":[\"SMS\"]}", "{\"maxPerDay\":-1}",
                "{\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\",\"zone\":\"Asia/Shanghai\"}}",
                "{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"zone\":\"Mars/Base\"}}"));
        invalid.put(PROFILE, profile);
        invalid.put(PROFILE_PATCH, profile);
        invalid.put(WEBHOOK, Map.of("url", List.of("\"\"", "\"   \"", "null", "{}", "[]", "\"not a url\"", "\"https://\"",
                "\"ftp://10.0.0.1/x\"", "\"http://10.0.0.1/hook\"", "\"https://192.168.1.1/\"",
                "\"https://169.254.169.254/latest/meta-data/\"", "\"https://[fd00::1]/\"", "\"https://0.0.0.0/\"",
                "\"https://user:pw@10.0.0.1/\"", "\"https://10.0.0.1:0/\"", "\"https://10.0.0.1:99999/\"",
                "\"javascript:alert(1)\"", "\"file:///etc/passwd\"", "\"https://exa mple.test/\"",
                "\"https://例え.テスト/\"", "\"//10.0.0.1/x\"", "\"https://" + "a".repeat(2_100) + "/\"")));
        invalid.put(REPLAY, Map.of("eventIds", List.of("\"x\"", "{}", "[[]]", "[{}]", "true")));
        invalid.put(EXTRACTION, Map.of("text", List.of("\"\"", "\"  \"", "null", "{}", longString(50_001)),
                "limit", List.of("0", "101", "-1", "1e400", "99999999999999999999", "\"many\"")));
    }

    /** Hostile bodies of this kind; a few are the valid template, which refuses nothing. */
    Arbitrary<Sample> of(Body kind) {
        if (kind == Body.NONE) {
            return Arbitraries.frequencyOf(
                    Tuple.of(50, Arbitraries.just(new Sample("", null, false))),
                    Tuple.of(5, Arbitraries.of(templates.get(POSTING), "{}", "null", "\u0000\u0001", "[[[[[[[[")
                            .map(b -> new Sample("body:on-bodiless", b.getBytes(StandardCharsets.UTF_8), false))),
                    Tuple.of(1, Arbitraries.just(new Sample("body:huge-on-bodiless", new byte[270_000], false))));
        }
        if (kind == POSTING_LINES) {
            return lines();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(sample("body:valid", kind, templates.get(kind), kind == WEBHOOK))),
                Tuple.of(6, invalidValue(kind)),
                Tuple.of(3, hazard(kind)),
                Tuple.of(3, truncated(kind)),
                Tuple.of(3, malformed(kind)),
                Tuple.of(2, badUtf8(kind)),
                Tuple.of(2, shape(kind)),
                Tuple.of(1, structure(kind)),
                Tuple.of(1, encodings(kind)));
    }

    private Arbitrary<Sample> invalidValue(Body kind) {
        List<Map.Entry<String, String>> mutations = invalid.get(kind).entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> Map.entry(e.getKey(), v))).toList();
        return Arbitraries.of(mutations).map(m -> sample("body:invalid-" + m.getKey(), kind,
                set(templates.get(kind), m.getKey(), m.getValue()), true));
    }

    /** A hazardous character in the kind's main text field, JSON-escaped or raw. */
    private Arbitrary<Sample> hazard(Body kind) {
        String field = textFields.get(kind);
        return Arbitraries.of(List.copyOf(HAZARDS.entrySet())).flatMap(h -> Arbitraries.of(true, false).map(escaped -> {
            String text = "Java" + h.getKey() + "dev";
            JsonNode value = kind == REPLAY ? RAW.createArrayNode().add(text)
                    : kind == WEBHOOK ? JsonNodeFactory.instance.textNode("https://10.20.30.40/" + text)
                    : JsonNodeFactory.instance.textNode(text);
            ObjectNode body = (ObjectNode) read(templates.get(kind));
            body.set(field, value);
            boolean surrogate = Character.isSurrogate(h.getKey().charAt(0));
            byte[] bytes = escaped || surrogate ? write(ESCAPING, body) : write(RAW, body);
            boolean refused = kind == WEBHOOK || (PRINTABLE_TEXT.contains(kind) && !h.getKey().equals("\uE000"))
                    || (h.getValue() && kind != REPLAY && kind != EXTRACTION);
            return new Sample("body:hazard-U+" + String.format("%04X", (int) h.getKey().charAt(0))
                    + (escaped || surrogate ? "-escaped" : "-raw"), bytes, refused);
        }));
    }

    private Arbitrary<Sample> truncated(Body kind) {
        String template = templates.get(kind).strip();
        return Arbitraries.integers().between(1, template.length() - 1)
                .map(end -> sample("body:truncated", kind, template.substring(0, end), true));
    }

    /** JSON that no strict parser reads: each break lands outside any string. */
    private Arbitrary<Sample> malformed(Body kind) {
        String t = templates.get(kind).strip();
        String inner = t.substring(1);
        return Arbitraries.of(
                        Map.entry("equals-for-colon", t.replaceFirst(":", "=")),
                        Map.entry("single-quotes", t.replace('"', '\'')),
                        Map.entry("trailing-comma", t.substring(0, t.length() - 1) + ",}"),
                        Map.entry("comment", "/* hostile */" + t),
                        Map.entry("nan", "{\"NaN\": NaN, " + inner),
                        Map.entry("leading-zero", "{\"n\": 007, " + inner),
                        Map.entry("plus-number", "{\"n\": +1, " + inner),
                        Map.entry("hex-number", "{\"n\": 0x1F, " + inner),
                        Map.entry("bare-word", "{\"n\": undefined, " + inner),
                        Map.entry("unquoted-key", "{hostile: 1, " + inner),
                        Map.entry("raw-control-in-string", "{\"n\": \"a\u0001b\", " + inner),
                        Map.entry("raw-newline-in-string", "{\"n\": \"a\nb\", " + inner),
                        Map.entry("bad-escape", "{\"n\": \"\\x41\", " + inner),
                        Map.entry("short-unicode-escape", "{\"n\": \"\\u12\", " + inner),
                        Map.entry("unclosed-string", "{\"n\": \"abc, " + inner),
                        Map.entry("two-objects", t + t),
                        Map.entry("missing-comma", "{\"n\": 1 \"m\": 2, " + inner),
                        Map.entry("nul-byte", "\u0000" + t))
                .map(m -> sample("body:malformed-" + m.getKey(), kind, m.getValue(),
                        !m.getKey().equals("two-objects") || STRICT.contains(kind)));
    }

    /** Bytes that are not UTF-8 inside a string of the body. */
    private Arbitrary<Sample> badUtf8(Body kind) {
        String t = templates.get(kind).strip();
        return Arbitraries.of(
                        Map.entry("FF", "\u00ff"), Map.entry("C0AF-overlong-slash", "\u00c0\u00af"),
                        Map.entry("E080AF-overlong", "\u00e0\u0080\u00af"), Map.entry("80-continuation", "\u0080"),
                        Map.entry("F8-five-byte", "\u00f8\u0088\u0080\u0080\u0080"), Map.entry("E4B8-cut", "\u00e4\u00b8"),
                        Map.entry("F4908080-above-10FFFF", "\u00f4\u0090\u0080\u0080"),
                        Map.entry("EDA080-surrogate", "\u00ed\u00a0\u0080"))
                .map(b -> {
                    byte[] prefix = "{\"hostile\": \"a".getBytes(StandardCharsets.UTF_8);
                    byte[] middle = Bytes.of(b.getValue());
                    byte[] suffix = ("b\", " + t.substring(1)).getBytes(StandardCharsets.UTF_8);
                    byte[] all = new byte[prefix.length + middle.length + suffix.length];
                    System.arraycopy(prefix, 0, all, 0, prefix.length);
                    System.arraycopy(middle, 0, all, prefix.length, middle.length);
                    System.arraycopy(suffix, 0, all, prefix.length + middle.length, suffix.length);
                    // a lenient decoder may read an overlong form or an encoded surrogate as a character; the property
                    // is unknown, which the strict kinds refuse
                    boolean refused = UNKNOWN_REFUSED.contains(kind) || kind == WEBHOOK
                            || List.of("FF", "80-continuation", "F8-five-byte", "E4B8-cut").contains(b.getKey());
                    return new Sample("body:not-utf8-" + b.getKey(), all, refused && kind != EXTRACTION);
                });
    }

    /** Not an object, empty, or the wrong kind of JSON document. */
    private Arbitrary<Sample> shape(Body kind) {
        boolean object = OBJECT_REQUIRED.contains(kind);
        boolean required = BODY_REQUIRED.contains(kind);
        return Arbitraries.of("[]", "1", "\"text\"", "true", "null", "", " ", "\n\n", "[" + templates.get(kind) + "]", "{}")
                .map(b -> sample("body:shape-" + (b.isBlank() ? "empty" : b.length() > 12 ? "array-of-template" : b), kind, b,
                        b.isBlank() || b.equals("null") ? required
                                : b.equals("{}") ? required && kind != PROFILE_PATCH && kind != PROFILE
                                : object));
    }

    /** Deep nesting, huge strings and numbers, duplicate and unknown properties. */
    private Arbitrary<Sample> structure(Body kind) {
        String t = templates.get(kind);
        String field = textFields.get(kind);
        return Arbitraries.of(
                        sample("body:deep-nesting-top", kind, "[".repeat(100_000) + "]".repeat(100_000),
                                OBJECT_REQUIRED.contains(kind)),
                        sample("body:deep-nesting-field", kind, setRaw(t, field, "[".repeat(5_000) + "]".repeat(5_000)),
                                kind != EXTRACTION),
                        sample("body:huge-string", kind, set(t, field, longString(300_000)), kind != EXTRACTION),
                        // a lenient reader may take a number as the text of a string field
                        sample("body:huge-number", kind, setRaw(t, field, "9".repeat(10_000)), kind != PARTNER),
                        sample("body:huge-exponent", kind, setRaw(t, field, "1e999999999"), kind != PARTNER),
                        sample("body:unknown-property", kind, set(t, "x-hostile", "true"), UNKNOWN_REFUSED.contains(kind)),
                        sample("body:operator-property", kind, set(t, "$where", "\"sleep(1000)\""), UNKNOWN_REFUSED.contains(kind)),
                        sample("body:duplicate-key", kind, t.strip().substring(0, t.strip().length() - 1) + ", \"" + field
                                + "\": {}}", true),
                        sample("body:mongo-operator", kind, setRaw(t, field, "{\"$ne\": null}"), kind != EXTRACTION));
    }

    /** The template in other encodings: a lenient reader may take them, so they refuse only what the template does. */
    private Arbitrary<Sample> encodings(Body kind) {
        String t = templates.get(kind);
        boolean templateRefused = kind == WEBHOOK;
        return Arbitraries.of(
                        Map.entry("utf8-bom", withBom(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, t, StandardCharsets.UTF_8)),
                        Map.entry("utf16be-bom", withBom(new byte[]{(byte) 0xFE, (byte) 0xFF}, t, StandardCharsets.UTF_16BE)),
                        Map.entry("utf16le", t.getBytes(StandardCharsets.UTF_16LE)),
                        Map.entry("utf32", t.getBytes(Charset.forName("UTF-32"))))
                .map(e -> new Sample("body:encoding-" + e.getKey(), e.getValue(), templateRefused));
    }

    /** NDJSON for the batch endpoint: one to four lines, each refused (the 200 must reject every one). */
    private Arbitrary<Sample> lines() {
        Arbitrary<Sample> line = Arbitraries.frequencyOf(
                        Tuple.of(6, invalidValue(POSTING_LINES)), Tuple.of(2, hazard(POSTING_LINES)),
                        Tuple.of(2, truncated(POSTING_LINES)), Tuple.of(2, malformed(POSTING_LINES)),
                        Tuple.of(1, badUtf8(POSTING_LINES)), Tuple.of(1, structure(POSTING_LINES)),
                        Tuple.of(1, Arbitraries.of("{}", "[]", "null", "1", "{\"externalId\": \"hx\u0000\"}",
                                        "{\"externalId\": \"" + "x".repeat(201) + "\"}", "{\"externalId\": 5}")
                                .map(b -> new Sample("line:no-posting", b.getBytes(StandardCharsets.UTF_8), true))))
                .filter(Sample::refused)
                .filter(s -> !new String(s.bytes(), StandardCharsets.ISO_8859_1).contains("\n"));
        return Arbitraries.of("\n", "\r\n").flatMap(separator -> line.list().ofMinSize(1).ofMaxSize(4).map(samples -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (Sample s : samples) {
                out.writeBytes(s.bytes());
                out.writeBytes(separator.getBytes(StandardCharsets.US_ASCII));
            }
            return new Sample("lines:" + samples.stream().map(Sample::label).distinct().limit(3).toList(),
                    out.toByteArray(), true);
        }));
    }

    private static Map<String, List<String>> postingFields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("title", List.of("42", "true", "{}", "[]", "null", "\"\"", "\"   \"", longString(201), "\"a\\u0001b\""));
        fields.put("description", List.of(longString(20_001), "42", "{}"));
        fields.put("occupation", List.of("\"ABCD\"", "\"12345\"", "2512", "[]"));
        fields.put("vacancies", List.of("0", "-1", "1.5", "\"3\"", "1e400", "99999999999999999999999", "10001", "-0"));
        fields.put("location", List.of("\"here\"", "[]", "1"));
        fields.put("location.lat", List.of("91", "-91", "\"30\"", "1e400", "true"));
        fields.put("location.lon", List.of("181", "-181", "{}"));
        fields.put("salary", List.of("\"lots\"", "{\"min\": -1, \"max\": 2, \"currency\": \"CNY\", \"period\": \"MONTH\"}",
                "{\"min\": 9, \"max\": 2, \"currency\": \"CNY\", \"period\": \"MONTH\"}",
                "{\"min\": 1, \"max\": 1e400, \"currency\": \"CNY\", \"period\": \"MONTH\"}"));
        fields.put("workplace", List.of("\"MOON\"", "1", "\"onsite\""));
        fields.put("employmentType", List.of("\"FOREVER\"", "[]"));
        fields.put("education", List.of("\"KINDERGARTEN\"", "7"));
        fields.put("skills", List.of("\"Java\"", "[1]", "[{}]", "[{\"label\": \"\", \"required\": true}]"));
        fields.put("validThrough", List.of("\"yesterday\"", "\"1999-01-01T00:00:00Z\"", "1e20", "\"+999999999-12-31T23:59:59Z\""));
        fields.put("languages", List.of("[\"English\"]", "\"zh\"", "[1]"));
        fields.put("targetGroups", List.of("[\"ALIENS\"]", "\"ALL\""));
        fields.put("campaignCodes", List.of("[\"no such code\"]", "[\"UNKNOWN-CAMPAIGN-0\"]", "\"X\""));
        fields.put("minExperienceYears", List.of("-1", "1e400", "\"one\""));
        fields.put("externalId", List.of("\"not-the-path-id\"", "5", "\"\"", "\"a b\"", "\"a/b\"", "\"x\\u0000\""));
        return fields;
    }

    private static Map<String, Boolean> hazards() {
        Map<String, Boolean> hazards = new LinkedHashMap<>();
        hazards.put("\u0000", true);
        hazards.put("\u0085", true);
        hazards.put("\u001b", true);
        hazards.put("\u2028", false);
        hazards.put("\u2029", false);
        hazards.put("\u202e", false);
        hazards.put("\u2066", false);
        hazards.put("\u200b", false);
        hazards.put("\ufeff", false);
        hazards.put("\ud800", false);
        hazards.put("\udfff", false);
        hazards.put("\ue000", false);
        return hazards;
    }

    private static Sample sample(String label, Body kind, String json, boolean refused) {
        return new Sample(label, json.getBytes(StandardCharsets.UTF_8), refused && kind != EXTRACTION);
    }

    private static String longString(int length) {
        return "\"" + "x".repeat(length) + "\"";
    }

    private static byte[] withBom(byte[] bom, String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    /** {@code json} with the dotted {@code path} set to the JSON value {@code value} (parsed exactly). */
    private static String set(String json, String path, String value) {
        ObjectNode root = (ObjectNode) read(json);
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], read(value));
        return new String(write(ESCAPING, root), StandardCharsets.UTF_8);
    }

    /** {@code json} with top-level {@code field} replaced by raw text (which need not be JSON that a parser takes). */
    private static String setRaw(String json, String field, String raw) {
        ObjectNode root = (ObjectNode) read(json);
        root.put(field, "__HOSTILE__");
        return new String(write(ESCAPING, root), StandardCharsets.UTF_8).replace("\"__HOSTILE__\"", raw);
    }

    private static JsonNode read(String json) {
        try {
            return READ.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static byte[] write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
