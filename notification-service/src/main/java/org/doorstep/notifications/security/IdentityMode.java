package org.doorstep.notifications.security;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * As in seekers-service (same properties, same meaning). Local mode: seekers-service's own HS256 seeker tokens
 * are accepted. Production (OIDC) mode, when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is set: the identity
 * provider's tokens are accepted instead (the seeker id is their subject), and seekers-service's own are not.
 * The same switch holds for operators and auditors: generated tokens locally, the provider's tokens with a roles
 * claim in OIDC mode ({@link OperatorAuthentication}).
 */
@Component
class IdentityMode {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

    private final Environment environment;

    IdentityMode(Environment environment) {
        this.environment = environment;
    }

    boolean externalProvider() {
        return StringUtils.hasText(environment.getProperty(ISSUER_URI))
                || StringUtils.hasText(environment.getProperty(JWK_SET_URI));
    }

    String property(String name) {
        return environment.getProperty(name);
    }
}
