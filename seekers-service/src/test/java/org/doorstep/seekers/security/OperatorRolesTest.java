package org.doorstep.seekers.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorRolesTest {

    private static List<String> authorities(String claimName, Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("person-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(jwt::claim);
        return new OperatorRoles(claimName).convert(jwt.build()).block().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void mapsOperatorAndAuditorFromAListAndIgnoresOtherValues() {
        assertThat(authorities("roles", Map.of("roles", List.of("auditor", "admin", "operator"))))
                .containsExactlyInAnyOrder("ROLE_AUDITOR", "ROLE_OPERATOR");
    }

    @Test
    void readsASingleStringAndANestedClaim() {
        assertThat(authorities("roles", Map.of("roles", "auditor"))).containsExactly("ROLE_AUDITOR");
        assertThat(authorities("realm_access.roles", Map.of("realm_access", Map.of("roles", List.of("operator")))))
                .containsExactly("ROLE_OPERATOR");
    }

    @Test
    void grantsNothingWithoutTheClaimOrWithAnotherName() {
        assertThat(authorities("roles", Map.of("groups", List.of("operator")))).isEmpty();
        assertThat(authorities("roles", Map.of("roles", List.of("Operator", "seeker")))).isEmpty();
    }
}
