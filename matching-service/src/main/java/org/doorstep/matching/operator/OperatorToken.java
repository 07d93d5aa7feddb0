package org.doorstep.matching.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The operator token from configuration; an empty token lets no one in. Compared in constant time. */
@Component
class OperatorToken {

    private final byte[] expected;

    OperatorToken(@Value("${doorstep.operator-token:}") String token) {
        this.expected = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean accepts(String authorization) {
        if (expected.length == 0 || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] presented = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }
}
