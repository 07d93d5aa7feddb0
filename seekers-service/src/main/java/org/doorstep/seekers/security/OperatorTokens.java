package org.doorstep.seekers.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Local mode: the generated operator token grants the operator role, the auditor token the auditor role. Compared
 * in constant time, both sides hashed first so not even the length leaks; both are always compared.
 */
final class OperatorTokens implements ReactiveAuthenticationManager {

    private final byte[] operator;
    private final byte[] auditor;

    OperatorTokens(OperatorProperties settings) {
        this.operator = digestOrNull(settings.operatorToken());
        this.auditor = digestOrNull(settings.auditorToken());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.error(new BadCredentialsException("not a bearer token"));
        }
        byte[] presented = digest(bearer.getToken());
        boolean isOperator = operator != null && MessageDigest.isEqual(operator, presented);
        boolean isAuditor = auditor != null && MessageDigest.isEqual(auditor, presented);
        if (isOperator) {
            return Mono.just(new OperatorAuthenticated(OperatorRole.OPERATOR));
        }
        if (isAuditor) {
            return Mono.just(new OperatorAuthenticated(OperatorRole.AUDITOR));
        }
        return Mono.error(new BadCredentialsException("not an operator or auditor token"));
    }

    private static byte[] digestOrNull(String token) {
        return token == null || token.isBlank() ? null : digest(token);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An operator or auditor known by a generated token; the principal name is the role's. */
    static final class OperatorAuthenticated extends AbstractAuthenticationToken {

        private final String name;

        OperatorAuthenticated(OperatorRole role) {
            super(List.of(role.authority()));
            this.name = role.name().toLowerCase(Locale.ROOT);
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
