package org.doorstep.seekers.security;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What an operator may do: operators read and change, auditors only read. */
enum OperatorRole {

    OPERATOR("operator"), AUDITOR("auditor");

    /** The name in an identity provider's roles claim. */
    private final String claimValue;

    OperatorRole(String claimValue) {
        this.claimValue = claimValue;
    }

    SimpleGrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    static Optional<OperatorRole> ofClaimValue(String value) {
        return Arrays.stream(values()).filter(role -> role.claimValue.equals(value)).findFirst();
    }
}
