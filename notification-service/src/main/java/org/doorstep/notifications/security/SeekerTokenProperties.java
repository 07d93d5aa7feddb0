package org.doorstep.notifications.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Seeker tokens as seekers-service issues them and both seeker services check them (the same properties and defaults
 * in both): HS256 over the UTF-8 bytes of {@code secret} (at least 32 bytes), issuer {@code doorstep-seekers}, audience
 * {@code doorstep}, valid for {@code ttl}, which is also the longest lifetime ({@code exp - iat}) a token may claim;
 * {@code clockSkew} is the tolerance on {@code exp}, {@code nbf} and {@code iat} for clocks that disagree.
 */
@ConfigurationProperties("doorstep.seeker-tokens")
public record SeekerTokenProperties(String secret,
                                    @DefaultValue("doorstep-seekers") String issuer,
                                    @DefaultValue("doorstep") String audience,
                                    @DefaultValue("30d") Duration ttl,
                                    @DefaultValue("60s") Duration clockSkew) {

    public SeekerTokenProperties {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("doorstep.seeker-tokens.secret (DOORSTEP_SEEKER_JWT_SECRET) must be at least 32 bytes");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("doorstep.seeker-tokens.ttl must be positive");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("doorstep.seeker-tokens.clock-skew must not be negative");
        }
    }

    byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
