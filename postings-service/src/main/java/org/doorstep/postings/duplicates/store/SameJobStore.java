package org.doorstep.postings.duplicates.store;

import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.doorstep.postings.duplicates.SameJob;
import org.doorstep.postings.duplicates.SameJobRepository;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code postingDuplicates} collection: {@code _id} = postingId, the latest notice (a replace by {@code _id}); a
 * notice with no other posting deletes it, so the collection holds only postings that are the same job as others. A
 * partner's list filters on {@code partnerId}: a partner's request, never on the event path.
 */
@Component
class SameJobStore implements SameJobRepository {

    private final ReactiveMongoTemplate mongo;

    SameJobStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> save(SameJob notice) {
        if (notice.sameJobAs().isEmpty()) {
            return collection().flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", notice.postingId())))).then();
        }
        Document document = new Document("_id", notice.postingId())
                .append("partnerId", notice.partnerId())
                .append("sameJobAs", notice.sameJobAs())
                .append("at", Date.from(notice.at()));
        return collection().flatMap(c -> Mono.from(c.replaceOne(Filters.eq("_id", notice.postingId()), document,
                new ReplaceOptions().upsert(true)))).then();
    }

    @Override
    public Mono<SameJob> find(String postingId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", postingId)).first())).map(SameJobStore::notice);
    }

    @Override
    public Flux<SameJob> ofPartner(String partnerId) {
        return collection().flatMapMany(c -> c.find(Filters.eq("partnerId", partnerId))).map(SameJobStore::notice);
    }

    private static SameJob notice(Document d) {
        return new SameJob(d.getString("_id"), d.getString("partnerId"), d.getList("sameJobAs", String.class, List.of()),
                d.getDate("at").toInstant());
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection("postingDuplicates");
    }
}
