package org.doorstep.notifications.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * How seeker tokens are checked, the same copy in seekers-service and notification-service (README "Seeker tokens"):
 * signature (HS256 only, with the shared secret, locally; the provider's JWK set in OIDC mode), {@code exp} required
 * and not passed, {@code nbf} if present, issuer, audience, a subject, {@code typ} JWT if present; locally also
 * {@code iat} required, not in the future and at most {@code ttl} before {@code exp}; all with {@code clock-skew}. No
 * operator role in the operator roles claim ({@link NotAnOperatorsToken}: an operator's provider token is no
 * seeker's). And the seeker must not be erased.
 * <p>
 * Validity is judged on the system clock, not on a service's {@link Clock} bean: notification-service's is the clock
 * of its rules (quiet hours, caps, expiry), which its tests move by days.
 */
@Configuration(proxyBeanMethods = false)
class SeekerJwtDecoder {

    private static final Clock TOKEN_CLOCK = Clock.systemUTC();

    @Bean
    ReactiveJwtDecoder seekerTokenDecoder(IdentityMode mode, SeekerTokenProperties tokens, RevokedSubjects revoked,
                                          OperatorProperties operators) {
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        List<String> audiences;
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new NotAnOperatorsToken(new OperatorRoles(operators.operatorRolesClaim())));
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
            validators.add(new LifetimeValidator(tokens.ttl(), tokens.clockSkew(), TOKEN_CLOCK));
        }
        decoder.setJwtValidator(validator(issuer, audiences, tokens.clockSkew(), validators));
        return token -> decoder.decode(token).flatMap(jwt -> revoked.isRevoked(jwt.getSubject())
                .flatMap(isRevoked -> isRevoked
                        ? Mono.error(new BadJwtException("the seeker of this token was erased"))
                        : Mono.just(jwt)));
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, Duration clockSkew,
                                                        List<OAuth2TokenValidator<Jwt>> validators) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setClock(TOKEN_CLOCK);
        validators.add(timestamps);
        if (StringUtils.hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText));
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        // adds the type check (JWT or absent) and the certificate-bound token check
        return JwtValidators.createDefaultWithValidators(validators);
    }
}
