package org.doorstep.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Mints seeker tokens the way seekers-service does (HS256, issuer doorstep-seekers, audience doorstep). */
public final class Tokens {

    public static final String SECRET = "test-only-seeker-token-secret-0123456789-abcdef";
    /** The generated operator and auditor tokens of the shared test context (local mode). */
    public static final String OPERATOR = "test-operator-token-0123456789";
    public static final String AUDITOR = "test-auditor-token-0123456789";

    private Tokens() {
    }

    public static String seeker(String seekerId) {
        return mint(seekerId, "doorstep-seekers", "doorstep", SECRET, Instant.now().plus(Duration.ofDays(30)));
    }

    /** Claims as seekers-service issues them (issuer, audience, jti), with exactly these subject and times (null: absent). */
    public static JWTClaimsSet.Builder claims(String subject, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("doorstep-seekers").audience("doorstep")
                .jwtID(UUID.randomUUID().toString()).subject(subject);
        if (issuedAt != null) {
            claims.issueTime(Date.from(issuedAt));
        }
        if (expiresAt != null) {
            claims.expirationTime(Date.from(expiresAt));
        }
        return claims;
    }

    /**
     * Signed with the test secret, with this HMAC algorithm and header type (null: no {@code typ}). Signed by hand,
     * because Nimbus refuses HS384 with a key shorter than 48 bytes, and a token signed so is what the test needs.
     */
    public static String signed(JWSAlgorithm algorithm, String type, JWTClaimsSet.Builder claims) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
            if (type != null) {
                header.type(new com.nimbusds.jose.JOSEObjectType(type));
            }
            String signingInput = header.build().toBase64URL() + "."
                    + com.nimbusds.jose.util.Base64URL.encode(claims.build().toString());
            String mac = "Hmac" + algorithm.getName().replace("HS", "SHA");
            javax.crypto.Mac hmac = javax.crypto.Mac.getInstance(mac);
            hmac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), mac));
            return signingInput + "." + com.nimbusds.jose.util.Base64URL.encode(
                    hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String mint(String subject, String issuer, String audience, String secret, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                    .issueTime(new Date()).expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString())
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
