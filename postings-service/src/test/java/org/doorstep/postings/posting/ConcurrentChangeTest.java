package org.doorstep.postings.posting;

import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/** A change that loses every race to a concurrent one gives up with 409 problem+json, not a 500. */
class ConcurrentChangeTest extends PostingsServiceTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void answers409ProblemWhenThePostingKeepsChangingUnderTheUpdate() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        String postingId = json(put(partner, externalId, validPosting("Baker")).expectStatus().isCreated())
                .get("postingId").stringValue();
        // reads as version 1, but no conditional write "at version 1" ever matches: every attempt looks lost to a
        // concurrent writer
        mongo.getCollection("postings")
                .flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", postingId), Updates.set("version", 1.5))))
                .block();
        Map<String, Object> changed = validPosting("Baker");
        changed.put("vacancies", 9);

        put(partner, externalId, changed)
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/conflict")
                .jsonPath("$.status").isEqualTo(409);
    }
}
