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

    private Tokens() {
    }

    public static String seeker(String seekerId) {
        return mint(seekerId, "doorstep-seekers", "doorstep", SECRET, Instant.now().plus(Duration.ofDays(30)));
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
