package org.doorstep.seekers.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * OIDC mode: operators' tokens are checked as seekers' are (seekers-service's README "Seeker tokens"), from the same
 * properties: the provider's JWK set, {@code exp} required and not passed, {@code nbf} if present, issuer, audience
 * if configured, a subject, {@code typ} JWT if present, all with 60 s of clock skew.
 */
final class OperatorJwtDecoder {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private OperatorJwtDecoder() {
    }

    static ReactiveJwtDecoder create(IdentityMode mode) {
        String jwkSetUri = mode.property(IdentityMode.JWK_SET_URI);
        String issuer = mode.property(IdentityMode.ISSUER_URI);
        NimbusReactiveJwtDecoder decoder = StringUtils.hasText(jwkSetUri)
                ? NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build()
                : NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        String configured = mode.property(IdentityMode.AUDIENCES);
        List<String> audiences = StringUtils.hasText(configured)
                ? Arrays.stream(configured.split(",")).map(String::strip).toList()
                : List.of();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setAllowEmptyExpiryClaim(false);
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
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        return decoder;
    }
}
