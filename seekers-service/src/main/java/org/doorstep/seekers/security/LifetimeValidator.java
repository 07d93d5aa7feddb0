package org.doorstep.seekers.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * seekers-service's own tokens live at most {@code maximum} ({@code exp - iat}), and were not issued in the future
 * ({@code iat <= now + clockSkew}); {@code iat} is required. So no token outlives the erasure records
 * (kept longer than the lifetime) that refuse an erased seeker's tokens.
 */
final class LifetimeValidator implements OAuth2TokenValidator<Jwt> {

    private final Duration maximum;
    private final Duration clockSkew;
    private final Clock clock;

    LifetimeValidator(Duration maximum, Duration clockSkew, Clock clock) {
        this.maximum = maximum;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant issuedAt = token.getIssuedAt();
        if (issuedAt == null) {
            return failure("iat is required");
        }
        if (issuedAt.isAfter(clock.instant().plus(clockSkew))) {
            return failure("iat is in the future");
        }
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt != null && Duration.between(issuedAt, expiresAt).compareTo(maximum) > 0) {
            return failure("the token lives longer than " + maximum);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
