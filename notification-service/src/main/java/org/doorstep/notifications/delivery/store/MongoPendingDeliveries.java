package org.doorstep.notifications.delivery.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.doorstep.notifications.delivery.Pending;
import org.doorstep.notifications.delivery.PendingDeliveries;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MongoPendingDeliveries implements PendingDeliveries {

    static final String COLLECTION = "pending_deliveries";

    private final ReactiveMongoTemplate mongo;

    MongoPendingDeliveries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> save(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            Document doc = new Document("_id", p.matchId()).append("seekerId", p.seekerId())
                    .append("partition", p.partition()).append("kind", p.kind().name())
                    .append("until", p.until() == null ? null : Date.from(p.until()))
                    .append("since", Date.from(p.since())).append("seq", p.sequence());
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", p.matchId()), doc, new ReplaceOptions().upsert(true)));
        }
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }

    @Override
    public Mono<Void> remove(Collection<String> matchIds) {
        if (matchIds.isEmpty()) {
            return Mono.empty();
        }
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.deleteMany(Filters.in("_id", List.copyOf(matchIds)))))
                .then();
    }

    @Override
    public Flux<Pending> ofPartition(int partition) {
        return mongo.find(Query.query(Criteria.where("partition").is(partition)), Document.class, COLLECTION)
                .map(doc -> {
                    Date until = doc.getDate("until");
                    Number seq = (Number) doc.get("seq");
                    return new Pending(doc.getString("_id"), doc.getString("seekerId"), doc.getInteger("partition"),
                            Pending.Kind.valueOf(doc.getString("kind")), until == null ? null : until.toInstant(),
                            doc.getDate("since").toInstant(), seq == null ? null : seq.longValue());
                });
    }

    @Override
    public Mono<Void> purge(String seekerId) {
        return mongo.remove(Query.query(Criteria.where("seekerId").is(seekerId)), COLLECTION).then();
    }
}
