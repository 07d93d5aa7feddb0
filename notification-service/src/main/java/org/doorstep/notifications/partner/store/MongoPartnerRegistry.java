package org.doorstep.notifications.partner.store;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.doorstep.notifications.partner.Partner;
import org.doorstep.notifications.partner.PartnerRegistry;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class MongoPartnerRegistry implements PartnerRegistry {

    static final String COLLECTION = "partners";

    private final ReactiveMongoTemplate mongo;

    MongoPartnerRegistry(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> save(Partner partner) {
        return mongo.findById(partner.partnerId(), Document.class, COLLECTION)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> {
                    if (existing.isPresent() && ((Number) existing.get().get("version")).longValue() >= partner.version()) {
                        return Mono.just(false);
                    }
                    Update update = new Update().set("name", partner.name()).set("status", partner.status())
                            .set("version", partner.version()).set("keyHashes", partner.keyHashes());
                    return mongo.upsert(Query.query(Criteria.where("_id").is(partner.partnerId())), update, COLLECTION)
                            .thenReturn(true);
                });
    }

    @Override
    public Mono<Void> remove(String partnerId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(partnerId)), COLLECTION).then();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<Partner> findActiveByKeyHash(String sha256Hex) {
        return mongo.findOne(Query.query(Criteria.where("keyHashes").is(sha256Hex).and("status").is("ACTIVE")),
                        Document.class, COLLECTION)
                .map(doc -> new Partner(doc.getString("_id"), doc.getString("name"), doc.getString("status"),
                        ((Number) doc.get("version")).longValue(), (List<String>) doc.get("keyHashes", List.class)));
    }
}
