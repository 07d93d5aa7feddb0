package org.doorstep.postings.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.doorstep.postings.problem.Unauthorized;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Checks the operator token in constant time (both sides hashed first, so not even the length leaks). */
@Component
public class OperatorAuthenticator {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    OperatorAuthenticator(OperatorProperties properties) {
        String token = properties.operatorToken();
        this.expected = token == null || token.isBlank() ? null : digest(token);
    }

    public Mono<Void> check(String authorization) {
        if (expected == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(new Unauthorized("An operator token is required (Authorization: Bearer <token>)."));
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).trim());
        return MessageDigest.isEqual(expected, presented)
                ? Mono.empty()
                : Mono.error(new Unauthorized("The operator token is not valid."));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
