package org.doorstep.notifications.security;

import reactor.core.publisher.Mono;

/** Subjects whose still-valid tokens must be refused (erased seekers). */
interface RevokedSubjects {

    Mono<Boolean> isRevoked(String subject);
}
