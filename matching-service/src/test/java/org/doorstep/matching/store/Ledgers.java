package org.doorstep.matching.store;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.doorstep.matching.match.MatchLedger;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.client.model.WriteModel;

/** For benchmarks: the service's own ledger ({@link MongoMatchLedger}), built outside Spring. */
public final class Ledgers {

    private Ledgers() {
    }

    public static MatchLedger mongo(ReactiveMongoTemplate mongo) {
        return new MongoMatchLedger(mongo);
    }

    /** The writes that list these postings for these seekers, as a claim lists them. */
    public static List<WriteModel<Document>> seekerListings(Map<String, List<String>> postingsOfSeekers) {
        return SeekerListings.additions(postingsOfSeekers);
    }
}
