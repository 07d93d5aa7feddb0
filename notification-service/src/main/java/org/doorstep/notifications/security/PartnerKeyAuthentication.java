package org.doorstep.notifications.security;

import java.util.List;

import org.doorstep.notifications.partner.ApiKeys;
import org.doorstep.notifications.partner.PartnerRegistry;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Authenticates a partner by the SHA-256 hex of its presented API key; revoked keys and suspended partners fail. */
@Component
class PartnerKeyAuthentication implements ReactiveAuthenticationManager {

    private final PartnerRegistry registry;

    PartnerKeyAuthentication(PartnerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer) || !ApiKeys.wellFormed(bearer.getToken())) {
            return Mono.error(new BadCredentialsException("not a partner API key"));
        }
        return registry.findActiveByKeyHash(ApiKeys.sha256Hex(bearer.getToken()))
                .switchIfEmpty(Mono.error(new BadCredentialsException("unknown or revoked partner API key")))
                .map(partner -> new PartnerAuthenticated(partner.partnerId()));
    }

    static final class PartnerAuthenticated extends AbstractAuthenticationToken {

        private final String partnerId;

        PartnerAuthenticated(String partnerId) {
            super(List.of(new SimpleGrantedAuthority(SecurityConfiguration.PARTNER)));
            this.partnerId = partnerId;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return partnerId;
        }

        @Override
        public String getName() {
            return partnerId;
        }
    }
}
