package org.doorstep.seekers.security;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

/** How operators and auditors authenticate in this identity mode: generated tokens locally, provider tokens in OIDC mode. */
final class OperatorAuthentication {

    private OperatorAuthentication() {
    }

    static ReactiveAuthenticationManager forMode(IdentityMode mode, OperatorProperties settings) {
        if (!mode.externalProvider()) {
            return new OperatorTokens(settings);
        }
        JwtReactiveAuthenticationManager jwts = new JwtReactiveAuthenticationManager(OperatorJwtDecoder.create(mode));
        jwts.setJwtAuthenticationConverter(new OperatorRoles(settings.operatorRolesClaim()));
        return jwts;
    }
}
