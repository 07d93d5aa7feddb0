package org.doorstep.seekers.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operators' credentials, the same properties in every service. Local mode: {@code operator-token}
 * ({@code DOORSTEP_OPERATOR_TOKEN}) grants the operator role, {@code auditor-token} ({@code DOORSTEP_AUDITOR_TOKEN})
 * the auditor role; an empty token grants nothing. OIDC mode: the provider's token carries the roles in the claim
 * {@code operator-roles-claim} ({@code DOORSTEP_OPERATOR_ROLES_CLAIM}, default {@code roles}; a dotted name such as
 * {@code realm_access.roles} reads a nested claim).
 */
@ConfigurationProperties("doorstep")
record OperatorProperties(String operatorToken, String auditorToken,
                        @DefaultValue("roles") String operatorRolesClaim) {

    OperatorProperties {
        if (operatorToken != null && !operatorToken.isBlank() && operatorToken.equals(auditorToken)) {
            throw new IllegalArgumentException("doorstep.operator-token and doorstep.auditor-token must differ");
        }
    }
}
