package org.doorstep.notifications.webhook;

import java.time.Instant;

import reactor.core.publisher.Mono;

/** One webhook per partner. */
public interface WebhookSubscriptions {

    Mono<Void> save(Subscription subscription);

    Mono<Subscription> find(String partnerId);

    /** Removes the partner's webhook; true when there was one. */
    Mono<Boolean> remove(String partnerId);

    record Subscription(String partnerId, String url, String signingSecret, Instant registeredAt) {
    }
}
