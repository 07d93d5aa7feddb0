package org.doorstep.postings.locations.store;

import org.bson.Document;
import org.doorstep.postings.locations.PostingLocations;
import org.doorstep.postings.locations.PostingMap;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads only the coordinates and vacancies of the open postings (a projection) and counts them as they stream by:
 * the memory held is the grid's cells, not the postings.
 */
@Component
class MongoPostingLocations implements PostingLocations {

    /** {@code PostingStore}'s collection. */
    private static final String POSTINGS = "postings";

    private final ReactiveMongoTemplate mongo;

    MongoPostingLocations(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<PostingMap.Counter> countInto(PostingMap.Counter counter) {
        return mongo.getCollection(POSTINGS)
                .flatMapMany(postings -> Flux.from(postings.find(new Document("status", "OPEN"))
                        .projection(new Document("_id", 0).append("location.lat", 1).append("location.lon", 1)
                                .append("vacancies", 1))))
                .reduce(counter, (c, document) -> {
                    Document location = document.get("location", Document.class);
                    return location != null && location.get("lat") instanceof Number lat
                            && location.get("lon") instanceof Number lon
                            ? c.add(lat.doubleValue(), lon.doubleValue(),
                                    document.get("vacancies") instanceof Number n ? n.intValue() : 0)
                            : c;
                });
    }
}
