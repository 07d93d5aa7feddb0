package org.doorstep.postings.platform.store;

import java.time.Duration;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Readiness of the store: the service's database answers {@code ping} within a second. (Spring Boot's own
 * MongoDB check sends {@code hello}, which the MongoDB-wire server does not answer; it is disabled.)
 */
@Component("store")
class StoreHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final ReactiveMongoTemplate mongo;

    StoreHealthIndicator(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.getMongoDatabase()
                .flatMap(db -> Mono.from(db.runCommand(new Document("ping", 1)))
                        .thenReturn(Health.up().withDetail("database", db.getName()).build()))
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(Health.down(e).build()));
    }
}
