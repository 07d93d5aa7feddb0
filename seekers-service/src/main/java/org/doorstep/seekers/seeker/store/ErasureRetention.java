package org.doorstep.seekers.seeker.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Erased ids are remembered only as long as a token issued before the erasure could still be valid (the
 * record holds nothing but the opaque id and the time), then MongoDB's TTL index forgets them.
 */
@Component
class ErasureRetention implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ErasureRetention.class);

    private final ReactiveMongoTemplate mongo;
    private final Duration retention;

    ErasureRetention(ReactiveMongoTemplate mongo, @Value("${doorstep.erasures.retention:31d}") Duration retention) {
        this.mongo = mongo;
        this.retention = retention;
    }

    @Override
    public void run(ApplicationArguments args) {
        mongo.indexOps(MongoSeekerRepository.ERASURES)
                .createIndex(new Index("erasedAt", Sort.Direction.ASC).expire(retention.toSeconds(), TimeUnit.SECONDS))
                .subscribe(name -> log.info("Erased ids expire after {}", retention),
                        error -> log.warn("Could not create the TTL index on erasures: {}", error.toString()));
    }
}
