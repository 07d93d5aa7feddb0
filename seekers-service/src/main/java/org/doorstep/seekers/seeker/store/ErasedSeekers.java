package org.doorstep.seekers.seeker.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.doorstep.seekers.security.RevokedSubjects;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** An erased seeker's tokens stop working at once, though they have not expired. */
@Component
class ErasedSeekers implements RevokedSubjects {

    private final ReactiveMongoTemplate mongo;

    ErasedSeekers(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> isRevoked(String subject) {
        return mongo.exists(query(where("_id").is(subject)), MongoSeekerRepository.ERASURES);
    }
}
