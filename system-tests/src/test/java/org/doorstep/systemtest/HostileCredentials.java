package org.doorstep.systemtest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.doorstep.systemtest.Endpoint.Caller;
import org.doorstep.systemtest.HostileRequest.Header;

/**
 * The credentials of the principals this test registered, and the hostile ones made from them: other schemes,
 * garbage, keys of another kind, a revoked partner key, an erased seeker's token, and seeker JWTs forged with the
 * platform's real signing secret (so that they pass the signature and fail on a claim) or without it.
 */
final class HostileCredentials {

    /** A way to present (or not) a credential; {@code refused}: the endpoint must turn it away. */
    record Credential(String label, List<Header> headers, boolean refused) {
    }

    /** What the test registered through the APIs before the run. */
    record Principals(String operatorToken, String partnerKey, String revokedPartnerKey, String seekerToken,
                      String erasedSeekerToken, String jwtSecret) {
    }

    /** Writes every character outside ASCII as a JSON escape, so that lone surrogates reach the token intact. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Principals principals;

    HostileCredentials(Principals principals) {
        this.principals = principals;
    }

    /** The valid credential for the caller, or null for an endpoint anyone may call. */
    String valid(Caller caller) {
        return switch (caller) {
            case ANYONE -> null;
            case OPERATOR -> principals.operatorToken();
            case PARTNER -> principals.partnerKey();
            case SEEKER -> principals.seekerToken();
        };
    }

    /** Every hostile way of presenting a credential to an endpoint with this caller ({@code partnersToo}: and partners). */
    List<Credential> hostile(Caller caller, boolean partnersToo) {
        String valid = valid(caller);
        List<Credential> all = new ArrayList<>();
        boolean guarded = caller != Caller.ANYONE;
        all.add(bearerless("auth:basic", "Basic " + b64("admin:admin"), guarded));
        all.add(bearerless("auth:digest", "Digest username=\"admin\", realm=\"x\", nonce=\"1\", response=\"0\"", guarded));
        all.add(bearerless("auth:bearer-alone", "Bearer", guarded));
        all.add(bearerless("auth:bearer-space", "Bearer ", guarded));
        all.add(bearerless("auth:bearer-words", "Bearer a b c", guarded));
        all.add(bearerless("auth:garbage", "Bearer " + "!@$%^&*()_+={}[]|:;'<>,.?~`", guarded));
        all.add(bearerless("auth:long-token", "Bearer " + "A".repeat(6_000), guarded));
        all.add(bearerless("auth:oversized", "Bearer " + "A".repeat(20_000), true)); // over the 8 KB header limit: 431
        all.add(bearerless("auth:utf8-token", "Bearer " + Bytes.utf8("токен-令牌-🔑"), guarded));
        all.add(bearerless("auth:nul-in-token", "Bearer abc\u0000def", guarded));
        all.add(bearerless("auth:empty", "", guarded));
        all.add(bearerless("auth:scheme-only-garbage", "\u00ff\u00fe", guarded));
        all.add(bearerless("auth:operator-token-elsewhere", "Bearer " + principals.operatorToken(),
                guarded && caller != Caller.OPERATOR));
        all.add(bearerless("auth:partner-key-elsewhere", "Bearer " + principals.partnerKey(),
                guarded && caller != Caller.PARTNER && !partnersToo));
        all.add(bearerless("auth:seeker-token-elsewhere", "Bearer " + principals.seekerToken(),
                guarded && caller != Caller.SEEKER));
        if (valid != null) {
            all.add(bearerless("auth:valid-plus-x", "Bearer " + valid + "x", true));
            all.add(bearerless("auth:valid-truncated", "Bearer " + valid.substring(0, valid.length() / 2), true));
            all.add(bearerless("auth:valid-upper", "Bearer " + upper(valid), !valid.equals(upper(valid))));
            all.add(bearerless("auth:tab-separated", "Bearer\t" + valid, true));
            all.add(bearerless("auth:valid-plus-utf8", "Bearer " + valid + Bytes.utf8("é"), true));
            // ambiguous ways of sending the valid credential: a service may accept them, so they refuse nothing
            all.add(bearerless("auth:lowercase-scheme", "bearer " + valid, false));
            all.add(bearerless("auth:double-space", "Bearer  " + valid, false));
            all.add(bearerless("auth:trailing-nul", "Bearer " + valid + "\u0000", false));
            all.add(new Credential("auth:duplicate-valid-first", List.of(new Header("Authorization", "Bearer " + valid),
                    new Header("Authorization", "Bearer garbage")), false));
            all.add(new Credential("auth:duplicate-valid-second", List.of(new Header("Authorization", "Bearer garbage"),
                    new Header("Authorization", "Bearer " + valid)), false));
        }
        switch (caller) {
            case PARTNER -> {
                all.add(bearerless("auth:revoked-key", "Bearer " + principals.revokedPartnerKey(), true));
                all.add(bearerless("auth:dsk-garbage", "Bearer dsk_" + "x".repeat(40), true));
                all.add(bearerless("auth:dsk-short", "Bearer dsk_", true));
                all.add(bearerless("auth:dsk-long", "Bearer dsk_" + "k".repeat(600), true));
                all.add(bearerless("auth:dsk-forged-shape", "Bearer dsk_" + UUID.randomUUID() + "_" + "s".repeat(32), true));
            }
            case OPERATOR -> {
                all.add(bearerless("auth:op-prefix", "Bearer op_", true));
                all.add(bearerless("auth:op-guess", "Bearer op_admin", true));
            }
            case SEEKER -> all.addAll(forgedTokens());
            case ANYONE -> all.add(bearerless("auth:valid-seeker-token", "Bearer " + principals.seekerToken(), false));
        }
        return List.copyOf(all);
    }

    private static Credential bearerless(String label, String value, boolean refused) {
        return new Credential(label, List.of(new Header("Authorization", value)), refused);
    }

    /** Seeker tokens: each breaks one rule, except the ones marked accepted (signed for a seeker that does not exist). */
    private List<Credential> forgedTokens() {
        JsonNode real = PlatformClient.json(new String(Base64.getUrlDecoder().decode(
                principals.seekerToken().split("\\.")[1]), StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        List<Credential> all = new ArrayList<>();
        all.add(jwt("jwt:alg-none", "{\"alg\":\"none\"}", claims(real, c -> { }), null, true));
        all.add(jwt("jwt:alg-NONE", "{\"alg\":\"NONE\",\"typ\":\"JWT\"}", claims(real, c -> { }), null, true));
        all.add(jwt("jwt:hs512-right-secret", "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims(real, c -> { }), "HmacSHA512", true));
        all.add(jwt("jwt:rs256-header", "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims(real, c -> { }), "HmacSHA256", true));
        all.add(signedWithWrongSecret(hs256, claims(real, c -> { })));
        all.add(jwt("jwt:expired", hs256, claims(real, c -> c.put("iat", now - 7_200).put("exp", now - 3_600)), "HmacSHA256", true));
        all.add(jwt("jwt:nbf-future", hs256, claims(real, c -> c.put("nbf", now + 86_400)), "HmacSHA256", true));
        all.add(jwt("jwt:iat-future", hs256, claims(real, c -> c.put("iat", now + 86_400).put("exp", now + 90_000)), "HmacSHA256", true));
        all.add(jwt("jwt:no-iat", hs256, claims(real, c -> c.remove("iat")), "HmacSHA256", true));
        all.add(jwt("jwt:no-exp", hs256, claims(real, c -> c.remove("exp")), "HmacSHA256", true));
        all.add(jwt("jwt:lives-400-days", hs256, claims(real, c -> c.put("iat", now).put("exp", now + Duration.ofDays(400).toSeconds())), "HmacSHA256", true));
        all.add(jwt("jwt:wrong-issuer", hs256, claims(real, c -> c.put("iss", "https://evil.example")), "HmacSHA256", true));
        all.add(jwt("jwt:wrong-audience", hs256, claims(real, c -> c.put("aud", "someone-else")), "HmacSHA256", true));
        all.add(jwt("jwt:audience-junk", hs256, claims(real, c -> c.putArray("aud").add(1).addNull().add("x")), "HmacSHA256", true));
        all.add(jwt("jwt:no-subject", hs256, claims(real, c -> c.remove("sub")), "HmacSHA256", true));
        all.add(jwt("jwt:blank-subject", hs256, claims(real, c -> c.put("sub", " ")), "HmacSHA256", true));
        all.add(jwt("jwt:null-subject", hs256, claims(real, c -> c.putNull("sub")), "HmacSHA256", true));
        all.add(jwt("jwt:exp-string", hs256, claims(real, c -> c.put("exp", "tomorrow")), "HmacSHA256", true));
        all.add(jwt("jwt:exp-huge", hs256, claims(real, c -> c.put("exp", 1e30)), "HmacSHA256", true));
        all.add(jwt("jwt:exp-negative", hs256, claims(real, c -> c.put("exp", -1)), "HmacSHA256", true));
        all.add(jwt("jwt:iat-string", hs256, claims(real, c -> c.put("iat", "now")), "HmacSHA256", true));
        all.add(jwt("jwt:iat-object", hs256, claims(real, c -> c.putObject("iat").put("$date", now)), "HmacSHA256", true));
        all.add(jwt("jwt:typ-at+jwt", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", claims(real, c -> { }), "HmacSHA256", true));
        all.add(jwt("jwt:crit-header", "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"exp\"],\"exp\":1}", claims(real, c -> { }), "HmacSHA256", true));
        all.add(jwt("jwt:issuer-with-nul", hs256, claims(real, c -> c.put("iss", real.path("iss").asText() + "\u0000")), "HmacSHA256", true));
        all.add(jwt("jwt:payload-array", hs256, "[]", "HmacSHA256", true));
        all.add(jwt("jwt:payload-not-json", hs256, "not json", "HmacSHA256", true));
        all.add(jwt("jwt:header-not-json", "{alg:HS256", claims(real, c -> { }), "HmacSHA256", true));
        String token = principals.seekerToken();
        String[] parts = token.split("\\.");
        all.add(bearerless("jwt:signature-stripped", "Bearer " + parts[0] + "." + parts[1] + ".", true));
        all.add(bearerless("jwt:two-parts", "Bearer " + parts[0] + "." + parts[1], true));
        all.add(bearerless("jwt:five-parts", "Bearer " + token + ".AAAA.BBBB", true));
        all.add(bearerless("jwt:bad-base64", "Bearer " + parts[0] + ".*" + parts[1].substring(1) + "." + parts[2], true));
        all.add(bearerless("jwt:tampered-payload", "Bearer " + parts[0] + "."
                + B64.encodeToString(claims(real, c -> c.put("sub", UUID.randomUUID().toString())).getBytes(StandardCharsets.UTF_8))
                + "." + parts[2], true));
        all.add(bearerless("jwt:erased-seeker", "Bearer " + principals.erasedSeekerToken(), true));
        // signed with the real secret, every rule kept, for a subject that is not a registered seeker: accepted as
        // a caller, so they refuse nothing by themselves
        all.add(jwt("jwt:unknown-subject", hs256, claims(real, c -> c.put("sub", UUID.randomUUID().toString())), "HmacSHA256", false));
        all.add(jwt("jwt:hostile-subject", hs256, claims(real, c -> c.put("sub", "\u202e../../\u2028$where\uD800\u0000")), "HmacSHA256", false));
        all.add(jwt("jwt:long-subject", hs256, claims(real, c -> c.put("sub", "s".repeat(3_000))), "HmacSHA256", false));
        all.add(jwt("jwt:kid-traversal", "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"../../../../dev/null\"}", claims(real, c -> { }), "HmacSHA256", false));
        all.add(jwt("jwt:jku-inside", "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"jku\":\"http://10.0.0.1/jwks.json\"}", claims(real, c -> { }), "HmacSHA256", false));
        all.add(jwt("jwt:exp-fraction", hs256, claims(real, c -> c.put("exp", now + 3_600.5)), "HmacSHA256", false));
        all.add(jwt("jwt:deep-claim", hs256, claims(real, c -> c.set("x", deep(900))), "HmacSHA256", false));
        return all;
    }

    private Credential signedWithWrongSecret(String header, String claims) {
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        String signature = B64.encodeToString(mac("HmacSHA256", "not-the-secret-0123456789-0123456789-abcdef", signingInput));
        return bearerless("jwt:wrong-secret", "Bearer " + signingInput + "." + signature, true);
    }

    private Credential jwt(String label, String header, String claims, String algorithm, boolean refused) {
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        String signature = algorithm == null ? "" : B64.encodeToString(mac(algorithm, principals.jwtSecret(), signingInput));
        return bearerless(label, "Bearer " + signingInput + "." + signature, refused);
    }

    private static JsonNode deep(int depth) {
        JsonNode node = JSON.createArrayNode();
        for (int i = 0; i < depth; i++) {
            node = JSON.createArrayNode().add(node);
        }
        return node;
    }

    private static String claims(JsonNode real, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode claims = real.deepCopy();
        change.accept(claims);
        try {
            return JSON.writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(String algorithm, String secret, String input) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String upper(String text) {
        return text.toUpperCase(java.util.Locale.ROOT);
    }
}
