package org.doorstep.seekers.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * OIDC mode: the operator roles an identity provider's token carries in its roles claim (a list of strings or one
 * string; a dotted claim name reads a nested object, as Keycloak's {@code realm_access.roles}). Values other than
 * {@code operator} and {@code auditor} grant nothing, so a token without them is authenticated but forbidden.
 */
final class OperatorRoles implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final String[] claimPath;

    OperatorRoles(String claimName) {
        this.claimPath = claimName.split("\\.");
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = roles(jwt).stream()
                .map(role -> (GrantedAuthority) role.authority()).toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }

    /** The operator roles {@code jwt} carries; none for a seeker's token (a seeker path refuses a token with any). */
    List<OperatorRole> roles(Jwt jwt) {
        return values(jwt.getClaims()).stream().map(OperatorRole::ofClaimValue).flatMap(Optional::stream).distinct()
                .toList();
    }

    private List<String> values(Map<String, Object> claims) {
        Object value = claims;
        for (String name : claimPath) {
            if (!(value instanceof Map<?, ?> object)) {
                return List.of();
            }
            value = object.get(name);
        }
        return switch (value) {
            case String single -> List.of(single);
            case Collection<?> many -> many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            case null, default -> List.of();
        };
    }
}
