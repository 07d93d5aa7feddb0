package org.doorstep.seekers.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * How bearer tokens are checked: signature (HS256 with the configured secret locally; the provider's JWK set
 * in OIDC mode), expiry (required), issuer, audience, a subject; and the subject must not be erased.
 */
@Configuration(proxyBeanMethods = false)
class SeekerJwtDecoder {

    @Bean
    ReactiveJwtDecoder jwtDecoder(IdentityMode mode, SeekerTokenProperties tokens, RevokedSubjects revoked) {
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        List<String> audiences;
        if (mode.externalProvider()) {
            String jwkSetUri = mode.property(IdentityMode.JWK_SET_URI);
            issuer = mode.property(IdentityMode.ISSUER_URI);
            decoder = StringUtils.hasText(jwkSetUri)
                    ? NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build()
                    : NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
            String configured = mode.property(IdentityMode.AUDIENCES);
            audiences = StringUtils.hasText(configured)
                    ? Arrays.stream(configured.split(",")).map(String::strip).toList()
                    : List.of();
        } else {
            decoder = NimbusReactiveJwtDecoder
                    .withSecretKey(new SecretKeySpec(tokens.secretBytes(), "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            issuer = tokens.issuer();
            audiences = List.of(tokens.audience());
        }
        decoder.setJwtValidator(validator(issuer, audiences));
        return token -> decoder.decode(token).flatMap(jwt -> revoked.isRevoked(jwt.getSubject())
                .flatMap(isRevoked -> isRevoked
                        ? Mono.error(new BadJwtException("the seeker of this token was erased"))
                        : Mono.just(jwt)));
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(StringUtils.hasText(issuer) ? JwtValidators.createDefaultWithIssuer(issuer) : JwtValidators.createDefault());
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText));
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
