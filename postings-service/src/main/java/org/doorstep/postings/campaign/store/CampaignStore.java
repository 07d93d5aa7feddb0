package org.doorstep.postings.campaign.store;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.doorstep.postings.campaign.Campaign;
import org.doorstep.postings.campaign.CampaignExists;
import org.doorstep.postings.campaign.CampaignRepository;
import org.doorstep.postings.posting.CampaignCatalog;
import org.doorstep.postings.posting.TargetGroup;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The campaigns collection, keyed by code; also tells the posting feature which codes exist. */
@Component
class CampaignStore implements CampaignRepository, CampaignCatalog {

    private final ReactiveMongoTemplate mongo;

    CampaignStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Campaign> find(String code) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", code)).first())).map(CampaignStore::toCampaign);
    }

    @Override
    public Flux<Campaign> all() {
        return collection().flatMapMany(c -> c.find().sort(Sorts.ascending("_id"))).map(CampaignStore::toCampaign);
    }

    @Override
    public Mono<Campaign> insert(Campaign campaign) {
        return collection().flatMap(c -> Mono.from(c.insertOne(toDocument(campaign)))).thenReturn(campaign)
                .onErrorMap(e -> e instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY,
                        e -> new CampaignExists(campaign.code()));
    }

    @Override
    public Mono<Campaign> save(Campaign campaign) {
        return collection().flatMap(c -> Mono.from(c.replaceOne(Filters.eq("_id", campaign.code()),
                toDocument(campaign), new ReplaceOptions().upsert(true)))).thenReturn(campaign);
    }

    @Override
    public Mono<Set<String>> unknown(Collection<String> codes) {
        return collection()
                .flatMapMany(c -> c.find(Filters.in("_id", codes)).projection(Projections.include("_id")))
                .map(d -> d.getString("_id"))
                .collectList()
                .map(found -> {
                    Set<String> missing = new HashSet<>(codes);
                    found.forEach(missing::remove);
                    return missing;
                });
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection("campaigns");
    }

    private static Document toDocument(Campaign c) {
        return new Document("_id", c.code())
                .append("name", c.name())
                .append("startsOn", c.startsOn().toString())
                .append("endsOn", c.endsOn().toString())
                .append("targetJobs", c.targetJobs())
                .append("targetGroups", c.targetGroups().stream().map(Enum::name).toList())
                .append("createdAt", Date.from(c.createdAt()))
                .append("updatedAt", Date.from(c.updatedAt()));
    }

    private static Campaign toCampaign(Document d) {
        return new Campaign(d.getString("_id"), d.getString("name"), LocalDate.parse(d.getString("startsOn")),
                LocalDate.parse(d.getString("endsOn")), ((Number) d.get("targetJobs")).longValue(),
                d.getList("targetGroups", String.class).stream().map(TargetGroup::valueOf).toList(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant());
    }
}
