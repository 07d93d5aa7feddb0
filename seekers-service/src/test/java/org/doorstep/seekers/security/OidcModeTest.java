package org.doorstep.seekers.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import reactor.core.publisher.Mono;

/** Production mode: with a JWK set URI configured, the provider's RS256 tokens are accepted and ours are not. */
class OidcModeTest {

    private static final String ISSUER = "https://id.example.gov.cn/realms/doorstep";
    private HttpServer jwks;
    private RSAKey key;
    private KeyPair pair;
    private ReactiveJwtDecoder decoder;
    private final SeekerTokenProperties local =
            new SeekerTokenProperties("local-development-only-seeker-token-secret-0123456789", "doorstep-seekers", "doorstep",
                    Duration.ofDays(30), Duration.ofSeconds(60));

    @BeforeEach
    void startProvider() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
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
                .withProperty(IdentityMode.JWK_SET_URI, "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")
                .withProperty(IdentityMode.ISSUER_URI, ISSUER)
                .withProperty(IdentityMode.AUDIENCES, "doorstep-app");
        IdentityMode mode = new IdentityMode(environment);
        assertThat(mode.externalProvider()).isTrue();
        decoder = new SeekerJwtDecoder().seekerTokenDecoder(mode, local, subject -> Mono.just("erased-one".equals(subject)),
                new OperatorProperties(null, null, "roles"));
    }

    @AfterEach
    void stopProvider() {
        jwks.stop(0);
    }

    private String providerToken(String issuer, String audience, String subject) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).audience(List.of(audience)).subject(subject)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(), claims))
                .getTokenValue();
    }

    @Test
    void acceptsTheProvidersTokenWithItsSubjectAsSeekerId() {
        String subject = UUID.randomUUID().toString();

        assertThat(decoder.decode(providerToken(ISSUER, "doorstep-app", subject)).block().getSubject()).isEqualTo(subject);
    }

    @Test
    void refusesTheProvidersTokenForAnotherIssuerOrAudience() {
        assertThatThrownBy(() -> decoder.decode(providerToken("https://evil.example", "doorstep-app", "s")).block())
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(providerToken(ISSUER, "another-app", "s")).block())
                .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesTheProvidersTokenWithoutExpiry() {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).audience(List.of("doorstep-app"))
                .subject(UUID.randomUUID().toString()).issuedAt(Instant.now()).build();
        String token = encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(), claims)).getTokenValue();

        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesLocallyIssuedTokensInProductionMode() {
        String ours = new SeekerTokens(local, Clock.systemUTC()).issue("s-1").value();

        assertThatThrownBy(() -> decoder.decode(ours).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void refusesTheTokenOfAnErasedSeeker() {
        assertThatThrownBy(() -> decoder.decode(providerToken(ISSUER, "doorstep-app", "erased-one")).block())
                .isInstanceOf(JwtException.class);
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new SeekerTokenProperties("too-short", "i", "a", Duration.ofDays(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
