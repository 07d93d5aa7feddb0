package org.doorstep.matching.platform.store;

import java.time.Duration;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * {@code store}: whether the service's database answers a {@code ping} within a second. Replaces Boot's
 * MongoDB contributor, which sends {@code hello} (the MongoDB-wire server does not answer it, so health
 * would be DOWN on a healthy platform). Part of readiness, not of liveness: a store outage takes the
 * instance out of the load balancer, it does not restart it.
 */
@Component("store")
class StoreHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Document PING = new Document("ping", 1);

    private final ReactiveMongoTemplate mongo;

    StoreHealthIndicator(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.executeCommand(PING)
                .timeout(TIMEOUT)
                .map(answer -> Health.up().build())
                .onErrorResume(e -> Mono.just(Health.down(e).build()));
    }
}
