package org.doorstep.notifications.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The HS256 secret, issuer and audience of seeker tokens (issued by seekers-service). */
@Validated
@ConfigurationProperties("doorstep.seeker-tokens")
public record SeekerTokenSettings(@NotBlank @Size(min = 32) String secret, @NotBlank String issuer,
                                  @NotBlank String audience) {
}
