package org.doorstep.postings.feed.store;

import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.doorstep.postings.feed.FeedKey;
import org.doorstep.postings.feed.FeedKeyRepository;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The feedKeys collection: {@code _id} = the key id, the key's SHA-256 beside it. */
@Component
class FeedKeyStore implements FeedKeyRepository {

    private final ReactiveMongoTemplate mongo;

    FeedKeyStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<FeedKey> find(String keyId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", keyId)).first()))
                .map(d -> new FeedKey(d.getString("_id"), d.getString("name"), d.getString("sha256"),
                        d.getDate("createdAt").toInstant()));
    }

    @Override
    public Mono<FeedKey> insert(FeedKey key) {
        return collection().flatMap(c -> Mono.from(c.insertOne(new Document("_id", key.keyId())
                .append("name", key.name())
                .append("sha256", key.sha256())
                .append("createdAt", Date.from(key.createdAt()))))).thenReturn(key);
    }

    @Override
    public Mono<Boolean> delete(String keyId) {
        return collection().flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", keyId))))
                .map(result -> result.getDeletedCount() > 0);
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection("feedKeys");
    }
}
