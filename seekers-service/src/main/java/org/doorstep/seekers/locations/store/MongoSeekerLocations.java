package org.doorstep.seekers.locations.store;

import org.bson.Document;
import org.doorstep.seekers.locations.SeekerLocations;
import org.doorstep.seekers.locations.SeekerMap;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads only the coordinates of the seekers who are not erased (a projection) and counts them as they stream by: the
 * memory held is the grid's cells, not the seekers.
 */
@Component
class MongoSeekerLocations implements SeekerLocations {

    /** {@code SeekerDocument.COLLECTION}: the seekers' profiles. */
    private static final String SEEKERS = "seekers";

    private final ReactiveMongoTemplate mongo;

    MongoSeekerLocations(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<SeekerMap.Counter> countInto(SeekerMap.Counter counter) {
        return mongo.getCollection(SEEKERS)
                .flatMapMany(seekers -> Flux.from(seekers
                        .find(new Document("erased", new Document("$ne", true))
                                .append("profile.location", new Document("$ne", null)))
                        .projection(new Document("_id", 0).append("profile.location.lat", 1)
                                .append("profile.location.lon", 1))))
                .reduce(counter, (c, document) -> {
                    Document location = document.get("profile", Document.class).get("location", Document.class);
                    return location.get("lat") instanceof Number lat && location.get("lon") instanceof Number lon
                            ? c.add(lat.doubleValue(), lon.doubleValue()) : c;
                });
    }
}
