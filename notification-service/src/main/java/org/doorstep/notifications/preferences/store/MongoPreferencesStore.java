package org.doorstep.notifications.preferences.store;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class MongoPreferencesStore implements PreferencesStore {

    static final String COLLECTION = "preferences";
    static final String PUSH_COUNTS = "push_counts";

    private final ReactiveMongoTemplate mongo;

    MongoPreferencesStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Preferences> save(Preferences p, Instant digestSlot) {
        return mongo.findById(p.seekerId(), Document.class, COLLECTION)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(existing -> {
                    if (existing.isPresent() && ((Number) existing.get().get("version")).longValue() >= p.version()) {
                        return Mono.empty();
                    }
                    Date kept = existing.map(doc -> doc.getDate("lastDigestSlot")).orElse(null);
                    Date slot = kept != null ? kept : digestSlot == null ? new Date(0) : Date.from(digestSlot);
                    return write(p, slot).thenReturn(existing.map(MongoPreferencesStore::toPreferences)
                            .orElseGet(() -> Preferences.defaults(p.seekerId())));
                });
    }

    private Mono<Boolean> write(Preferences p, Date slot) {
        return Mono.defer(() -> {
                    Update update = new Update()
                            .set("version", p.version())
                            .set("channels", List.copyOf(p.channels()))
                            .set("quietHours", p.quietHours() == null ? null : new Document("start", p.quietHours().start().toString())
                                    .append("end", p.quietHours().end().toString())
                                    .append("zone", p.quietHours().zone().getId()))
                            .set("maxPerDay", p.maxPerDay())
                            .set("digest", new Document("daily", p.digest().daily())
                                    .append("at", p.digest().at() == null ? null : p.digest().at().toString())
                                    .append("zone", p.digest().zone() == null ? null : p.digest().zone().getId()))
                            .set("minScore", p.minScore())
                            .set("shareWithPartners", p.shareWithPartners())
                            .set("pushToken", p.pushToken())
                            .set("lastDigestSlot", slot);
                    return mongo.upsert(Query.query(Criteria.where("_id").is(p.seekerId())), update, COLLECTION)
                            .thenReturn(true);
        });
    }

    @Override
    public Mono<Preferences> find(String seekerId) {
        return mongo.findById(seekerId, Document.class, COLLECTION).map(MongoPreferencesStore::toPreferences)
                .defaultIfEmpty(Preferences.defaults(seekerId));
    }

    @Override
    public Mono<Map<String, Preferences>> findAll(Collection<String> seekerIds) {
        if (seekerIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> collection.find(Filters.in("_id", List.copyOf(seekerIds))))
                .collectMap(doc -> doc.getString("_id"), MongoPreferencesStore::toPreferences)
                .map(found -> {
                    Map<String, Preferences> all = new HashMap<>(found);
                    seekerIds.forEach(id -> all.computeIfAbsent(id, Preferences::defaults));
                    return all;
                });
    }

    @Override
    public Mono<Map<String, Long>> pushCounts(Collection<String> dayKeys) {
        if (dayKeys.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.getCollection(PUSH_COUNTS)
                .flatMapMany(collection -> collection.find(Filters.in("_id", List.copyOf(dayKeys))))
                .collectMap(doc -> doc.getString("_id"), doc -> ((Number) doc.get("n")).longValue());
    }

    @Override
    public Mono<Void> savePushCounts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", key),
                Updates.combine(Updates.set("n", n), Updates.set("seekerId", key.substring(0, key.lastIndexOf('|')))),
                new UpdateOptions().upsert(true))));
        return mongo.getCollection(PUSH_COUNTS)
                .flatMap(collection -> Mono.from(collection.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }

    @Override
    public Mono<Void> purge(String seekerId) {
        Document marker = new Document("_id", seekerId).append("version", Long.MAX_VALUE).append("erased", true);
        return mongo.remove(Query.query(Criteria.where("_id").is(seekerId)), COLLECTION)
                .then(mongo.save(marker, COLLECTION))
                .then(mongo.remove(Query.query(Criteria.where("seekerId").is(seekerId)), PUSH_COUNTS))
                .then();
    }

    @SuppressWarnings("unchecked")
    private static Preferences toPreferences(Document doc) {
        if (Boolean.TRUE.equals(doc.getBoolean("erased"))) {
            return Preferences.erased(doc.getString("_id"));
        }
        Document quiet = doc.get("quietHours", Document.class);
        Document digest = doc.get("digest", Document.class);
        Number maxPerDay = (Number) doc.get("maxPerDay");
        return new Preferences(doc.getString("_id"), ((Number) doc.get("version")).longValue(),
                new HashSet<>((List<String>) doc.get("channels", List.class)),
                quiet == null ? null : new Preferences.QuietHours(LocalTime.parse(quiet.getString("start")),
                        LocalTime.parse(quiet.getString("end")), ZoneId.of(quiet.getString("zone"))),
                maxPerDay == null ? null : maxPerDay.intValue(),
                digest == null ? Preferences.Digest.NONE : new Preferences.Digest(Boolean.TRUE.equals(digest.getBoolean("daily")),
                        digest.getString("at") == null ? null : LocalTime.parse(digest.getString("at")),
                        digest.getString("zone") == null ? null : ZoneId.of(digest.getString("zone"))),
                ((Number) doc.get("minScore")).doubleValue(),
                Boolean.TRUE.equals(doc.getBoolean("shareWithPartners")), doc.getString("pushToken"));
    }
}
