package org.doorstep.notifications.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Production (OIDC) mode, configured with the same properties as seekers-service: with a JWK set URI, the
 * provider's RS256 tokens are accepted (issuer and audience checked, {@code exp} required) and seekers-service's own
 * HS256 tokens are not; an erased seeker's provider token is refused too.
 */
class OidcModeTest {

    private static final String ISSUER = "https://id.example.gov.cn/realms/doorstep";
    private final SeekerTokenProperties local = new SeekerTokenProperties(Tokens.SECRET, "doorstep-seekers", "doorstep",
            Duration.ofDays(30), Duration.ofSeconds(60));
    private HttpServer jwks;
    private RSAKey key;
    private ReactiveJwtDecoder decoder;

    @BeforeEach
    void startProvider() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID("k1").build();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER)
                .withProperty("spring.security.oauth2.resourceserver.jwt.audiences", "doorstep-app");
        IdentityMode mode = new IdentityMode(environment);
        assertThat(mode.externalProvider()).isTrue();
        decoder = new SeekerJwtDecoder().seekerTokenDecoder(mode, local, subject -> Mono.just("erased-one".equals(subject)),
                new OperatorProperties(null, null, "roles"));
    }

    @AfterEach
    void stopProvider() {
        jwks.stop(0);
    }

    private String providerToken(String issuer, String audience, String subject, Instant expiresAt) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        Instant issuedAt = expiresAt != null && expiresAt.isBefore(Instant.now())
                ? expiresAt.minusSeconds(3600) : Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(issuer).audience(List.of(audience)).subject(subject)
                .issuedAt(issuedAt);
        if (expiresAt != null) {
            claims.expiresAt(expiresAt);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(),
                claims.build())).getTokenValue();
    }

    @Test
    void acceptsTheProvidersTokenWithItsSubjectAsSeekerId() {
        String subject = UUID.randomUUID().toString();

        assertThat(decoder.decode(providerToken(ISSUER, "doorstep-app", subject, Instant.now().plusSeconds(300)))
                .block().getSubject()).isEqualTo(subject);
    }

    @Test
    void refusesTheProvidersTokenForAnotherIssuerOrAudience() {
        Instant exp = Instant.now().plusSeconds(300);
        assertThatThrownBy(() -> decoder.decode(providerToken("https://evil.example", "doorstep-app", "s", exp)).block())
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(providerToken(ISSUER, "another-app", "s", exp)).block())
                .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesTheProvidersTokenWithoutExpiryOrExpired() {
        assertThatThrownBy(() -> decoder.decode(providerToken(ISSUER, "doorstep-app", "s", null)).block())
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(providerToken(ISSUER, "doorstep-app", "s",
                Instant.now().minusSeconds(600))).block())
                .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesSeekersServicesOwnTokensInProductionMode() {
        assertThatThrownBy(() -> decoder.decode(Tokens.seeker("s-1")).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesTheTokenOfAnErasedSeeker() {
        assertThatThrownBy(() -> decoder.decode(providerToken(ISSUER, "doorstep-app", "erased-one",
                Instant.now().plusSeconds(300))).block())
                .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new SeekerTokenProperties("too-short", "i", "a", Duration.ofDays(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
