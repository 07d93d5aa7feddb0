package org.doorstep.notifications.platform.store;

import java.time.Duration;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The store's health ({@code store}, part of readiness, not of liveness: a store outage takes the instance out of the
 * load balancer, it does not restart it): the {@code ping} command on this service's database, answered within a
 * second. Replaces Spring Boot's MongoDB contributor, whose {@code hello} the MongoDB-wire server does not answer (so
 * health would be DOWN on a healthy platform).
 */
@Component("store")
class StoreHealthIndicator implements ReactiveHealthIndicator {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveMongoTemplate mongo;

    StoreHealthIndicator(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.executeCommand(new Document("ping", 1))
                .timeout(TIMEOUT)
                .map(answer -> Health.up().build())
                .onErrorResume(failure -> Mono.just(Health.down()
                        .withDetail("error", failure.getClass().getName() + ": " + failure.getMessage()).build()));
    }
}
