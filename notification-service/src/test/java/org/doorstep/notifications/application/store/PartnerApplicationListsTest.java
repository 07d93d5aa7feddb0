package org.doorstep.notifications.application.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.application.Application;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Applications made before partners' lists were kept are listed for their partners once, on a start. */
@NotificationServiceTest
class PartnerApplicationListsTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MongoApplicationStore store;

    @Test
    void anApplicationMadeBeforePartnersListsWereKeptIsListedForItsPartnerByTheOneTimeListing() {
        String partnerId = "partner-" + UUID.randomUUID();
        String older = UUID.randomUUID().toString();
        String newer = UUID.randomUUID().toString();
        for (String id : List.of(older, newer)) {
            mongo.insert(new Document("_id", id).append("version", 1L).append("partnerId", partnerId)
                    .append("postingId", "p").append("status", "SUBMITTED").append("history", List.of())
                    .append("createdAt", Date.from(Instant.now().plusMillis(id.equals(newer) ? 1 : 0)))
                    .append("updatedAt", new Date()), MongoApplicationStore.COLLECTION).block();
        }
        assertThat(store.ofPartner(partnerId, null, 10).block()).as("not listed: made 'before'").isEmpty();
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(MongoApplicationStore.PARTNERS_LISTED)),
                MongoApplicationStore.MIGRATIONS).block();

        assertThat(store.listEarlierApplications().block()).isGreaterThanOrEqualTo(2);

        assertThat(store.ofPartner(partnerId, null, 10).block().stream().map(Application::applicationId).toList())
                .containsExactly(newer, older);
        assertThat(store.listEarlierApplications().block()).as("once").isEqualTo(-1);
    }
}
