package org.doorstep.seekers.seeker.web;

import java.time.Instant;

/**
 * The answer to registration: the new seeker's id and its bearer token (null in OIDC mode, where the
 * identity provider's token is used).
 */
record Registration(String seekerId, String token, Instant expiresAt) {
}
