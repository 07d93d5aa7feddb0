package org.doorstep.seekers.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A seeker path refuses an operator's or an auditor's token. In OIDC mode both come from the same provider, with the
 * same issuer and audiences; what tells them apart is the operator roles claim ({@code doorstep.operator-roles-claim}):
 * a token that carries {@code operator} or {@code auditor} there is an operator's, and opens no seeker's profile,
 * stream or inbox (401, as any token that is not a seeker's). The same policy in seekers-service and
 * notification-service.
 */
final class NotAnOperatorsToken implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error OPERATORS_TOKEN = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "an operator's or auditor's token is not a seeker's", null);

    private final OperatorRoles roles;

    NotAnOperatorsToken(OperatorRoles roles) {
        this.roles = roles;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        return roles.roles(jwt).isEmpty()
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(OPERATORS_TOKEN);
    }
}
