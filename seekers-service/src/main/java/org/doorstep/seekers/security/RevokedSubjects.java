package org.doorstep.seekers.security;

import reactor.core.publisher.Mono;

/** Subjects whose still-valid tokens must be refused (erased seekers). */
public interface RevokedSubjects {

    Mono<Boolean> isRevoked(String subject);
}
