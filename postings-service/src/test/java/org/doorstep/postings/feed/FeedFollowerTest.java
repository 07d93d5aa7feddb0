package org.doorstep.postings.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.awaitility.Awaitility;
import org.doorstep.postings.PostingsApplication;
import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's promise: a client that starts from the snapshot and follows the cursor ends with exactly the set of open
 * postings, through creations, updates, closings and expiries, also when the instance it reads from restarts in
 * between. The reader talks to an instance of its own (started and stopped here, on the shared broker and store);
 * the partner writes through the test's instance.
 */
class FeedFollowerTest extends PostingsServiceTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    /** What a feed client keeps: posting id to the last item's posting. */
    private final Map<String, JsonNode> followed = new HashMap<>();
    private String cursor;

    @Test
    void aFollowerEndsWithExactlyTheOpenPostingsThroughChangesAndARestart() throws Exception {
        String region = String.valueOf(ThreadLocalRandom.current().nextInt(700_000, 800_000));
        TestPartner partner = registerPartner();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String job : List.of("A", "B", "C", "D", "E")) {
            ids.put(job, json(put(partner, job + "-" + region, inRegion("Welder " + job, region))
                    .expectStatus().isCreated()).get("postingId").stringValue());
        }

        ConfigurableApplicationContext first = startInstance();
        try {
            WebTestClient reader = client(first);
            awaitFollowerMatches(reader, partner, region, ids);
            assertThat(followed).hasSize(5);

            // changes while the reader follows: an update, a close, a move out of the region, a creation
            put(partner, "A-" + region, inRegion("Senior welder A", region)).expectStatus().isOk();
            closePosting(partner, "B-" + region);
            put(partner, "C-" + region, inRegion("Welder C", "110000")).expectStatus().isOk();
            ids.put("F", json(put(partner, "F-" + region, inRegion("Welder F", region))
                    .expectStatus().isCreated()).get("postingId").stringValue());
            awaitFollowerMatches(reader, partner, region, ids);
            assertThat(followed).doesNotContainKeys(ids.get("B"), ids.get("C"));
            assertThat(followed.get(ids.get("A")).get("title").stringValue()).isEqualTo("Senior welder A");
        } finally {
            first.close();
        }

        // while no instance serves the feed: more changes, and D's time runs out
        put(partner, "E-" + region, inRegion("Welder E, nights", region)).expectStatus().isOk();
        closePosting(partner, "F-" + region);
        ids.put("G", json(put(partner, "G-" + region, inRegion("Welder G", region))
                .expectStatus().isCreated()).get("postingId").stringValue());
        mongo.getCollection("postings").flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", ids.get("D")),
                Updates.set("validThrough", Date.from(Instant.now().minus(1, ChronoUnit.MINUTES)))))).block();

        // a new instance: its start-up search expires D; the reader goes on from its cursor
        ConfigurableApplicationContext second = startInstance();
        try {
            WebTestClient reader = client(second);
            expireNow(second);
            assertThat(json(get(partner, "D-" + region)).get("closedReason").stringValue()).isEqualTo("EXPIRED");
            awaitFollowerMatches(reader, partner, region, ids);
            assertThat(followed.keySet()).containsExactlyInAnyOrder(ids.get("A"), ids.get("E"), ids.get("G"));
            assertThat(followed.get(ids.get("E")).get("title").stringValue()).isEqualTo("Welder E, nights");
        } finally {
            second.close();
        }
    }

    /** Follows the feed until the followed set is the partner's open postings of the region, each at its version. */
    private void awaitFollowerMatches(WebTestClient reader, TestPartner partner, String region,
                                      Map<String, String> ids) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            readToEnd(reader, region, partner);
            assertThat(versions(followed)).isEqualTo(openVersions(partner, region, ids));
        });
    }

    private void readToEnd(WebTestClient reader, String region, TestPartner partner) {
        boolean caughtUp = false;
        while (!caughtUp) {
            String body = new String(reader.get().uri(u -> u.path("/api/v1/feed/postings")
                            .queryParam("region", region).queryParam("limit", 50)
                            .queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor)).build())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(),
                    java.nio.charset.StandardCharsets.UTF_8);
            // partner-private fields never appear
            assertThat(body).doesNotContain("externalId", "partnerId", partner.partnerId(), "-" + region + "\"");
            JsonNode page = JSON.readTree(body);
            for (JsonNode item : page.get("items")) {
                assertThat(item.get("cursor").stringValue()).isNotBlank();
                if (item.get("removed").booleanValue()) {
                    assertThat(item.get("posting").isNull()).isTrue();
                    followed.remove(item.get("postingId").stringValue());
                } else {
                    followed.put(item.get("postingId").stringValue(), item.get("posting"));
                }
            }
            cursor = page.get("nextCursor").stringValue();
            caughtUp = page.get("caughtUp").booleanValue();
        }
    }

    private Map<String, Long> openVersions(TestPartner partner, String region, Map<String, String> ids) {
        Map<String, Long> open = new HashMap<>();
        for (String job : ids.keySet()) {
            JsonNode posting = json(get(partner, job + "-" + region).expectStatus().isOk());
            if ("OPEN".equals(posting.get("status").stringValue())
                    && region.equals(posting.get("location").get("regionCode").stringValue())) {
                open.put(posting.get("postingId").stringValue(), posting.get("version").asLong());
            }
        }
        return open;
    }

    private static Map<String, Long> versions(Map<String, JsonNode> postings) {
        Map<String, Long> versions = new HashMap<>();
        postings.forEach((id, p) -> versions.put(id, p.get("version").asLong()));
        return versions;
    }

    private void closePosting(TestPartner partner, String externalId) {
        http.delete().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().isOk();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inRegion(String title, String region) {
        Map<String, Object> posting = validPosting(title);
        ((Map<String, Object>) posting.get("location")).put("regionCode", region);
        return posting;
    }

    /** The instance's expiry pass, as its schedule runs it (a search, then closing what is due). */
    private static void expireNow(ConfigurableApplicationContext instance) throws ClassNotFoundException {
        Object expiry = instance.getBean(Class.forName("org.doorstep.postings.posting.expiry.PostingExpiry"));
        Mono<?> pass = ReflectionTestUtils.invokeMethod(expiry, "closeExpired");
        assertThat(pass).isNotNull();
        pass.block(TIMEOUT);
    }

    static ConfigurableApplicationContext startInstance() {
        // command-line arguments: the builder's properties() are defaults, below application.yml (port 8081)
        return new SpringApplicationBuilder(PostingsApplication.class).run(
                "--server.port=0",
                "--doorstep.operator-token=" + OPERATOR_TOKEN,
                "--doorstep.auditor-token=" + AUDITOR_TOKEN,
                "--doorstep.rate-limit.limit-for-period=1000000",
                "--doorstep.limits.failed-authentications.limit-for-period=1000000",
                "--doorstep.outbox.sweep-interval=1s",
                "--doorstep.expiry.interval=1s");
    }

    static WebTestClient client(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + instance.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(60)).build();
    }
}
