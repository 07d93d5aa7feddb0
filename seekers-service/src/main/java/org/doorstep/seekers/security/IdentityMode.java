package org.doorstep.seekers.security;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The identity switch, the same in every service (same properties, same meaning). Local mode: seekers-service issues
 * HS256 seeker tokens, which it and notification-service accept, and operators and auditors present the generated
 * tokens. Production (OIDC) mode, when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri} is set: the identity provider's tokens are accepted instead (a seeker's id is their subject, and
 * registration needs one), seekers-service's own are not, and operators and auditors present the provider's tokens
 * with a roles claim ({@link OperatorAuthentication}); the generated tokens are not accepted.
 */
@Component
public class IdentityMode {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

    private final Environment environment;
    private final boolean externalProvider;

    public IdentityMode(Environment environment) {
        this.environment = environment;
        this.externalProvider = StringUtils.hasText(environment.getProperty(ISSUER_URI))
                || StringUtils.hasText(environment.getProperty(JWK_SET_URI));
    }

    /**
     * Read once: the mode is fixed for the life of the process, and resolving the two properties through every
     * property source on each registration was 3.6% of seekers-service's CPU while seekers registered (JFR).
     */
    public boolean externalProvider() {
        return externalProvider;
    }

    String property(String name) {
        return environment.getProperty(name);
    }
}
