package org.doorstep.seekers.application;

import java.time.Instant;

import org.doorstep.seekers.seeker.ConsentRecord;
import reactor.core.publisher.Mono;

/**
 * The applications of a seeker, kept in the seeker's own document with the packets still to publish (the outbox):
 * recording one and queueing its packet is one write, keyed by the seeker's id and version.
 */
public interface Applications {

    /**
     * Records the application with its consent record (null without consent) and queues the packet; emits false
     * when the application is known already (a repeated request) or the seeker is gone (erased).
     */
    Mono<Boolean> submit(ApplicationPacket packet, ConsentRecord consent);

    /** Forgets the application and queues the tombstone of its packet; emits false when it was not there. */
    Mono<Boolean> withdraw(String seekerId, String applicationId, Instant at);
}
