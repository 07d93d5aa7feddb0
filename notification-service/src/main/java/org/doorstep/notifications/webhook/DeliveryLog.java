package org.doorstep.notifications.webhook;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every attempt to call a partner's webhook, for the partner to inspect. */
public interface DeliveryLog {

    Mono<Void> record(Attempt attempt);

    Flux<Attempt> recent(String partnerId, int limit);

    /**
     * Takes these event ids out of every attempt that lists them (an erased seeker's: their match ids carry the
     * seeker's id); the attempts stay, with the ids of other seekers' events.
     */
    Mono<Void> forgetEvents(Collection<String> eventIds);

    /** Drops attempts made before {@code before}; emits how many. */
    Mono<Long> forget(Instant before);

    record Attempt(String partnerId, String batchId, List<String> eventIds, int attempt, String url, Integer status,
                   String outcome, String error, long durationMillis, Instant at) {
    }
}
