package org.doorstep.postings.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Who reads the feed, with which keys; the live stream and its resumption; a bad cursor. */
class FeedAccessTest extends PostingsServiceTest {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT =
            new ParameterizedTypeReference<>() {
            };

    @Test
    void aFeedKeyAnOperatorIssuesReadsTheFeedUntilItIsRevoked() {
        JsonNode issued = json(http.post().uri("/api/v1/feed/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Jobs aggregator"))
                .exchange().expectStatus().isCreated());
        String key = issued.get("apiKey").stringValue();
        assertThat(key).startsWith("dsf_" + issued.get("keyId").stringValue() + "_");
        http.get().uri("/api/v1/feed/keys/{id}", issued.get("keyId").stringValue())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.apiKey").doesNotExist();

        feedPage("Bearer " + key).expectStatus().isOk().expectBody().jsonPath("$.nextCursor").isNotEmpty();

        http.delete().uri("/api/v1/feed/keys/{id}", issued.get("keyId").stringValue())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isNoContent();
        feedPage("Bearer " + key).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
    }

    @Test
    void anAuditorCannotIssueFeedKeysAndNobodyReadsWithoutAKey() {
        http.post().uri("/api/v1/feed/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x"))
                .exchange().expectStatus().isForbidden();
        feedPage(null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        feedPage("Bearer dsf_0123456789ab_" + "A".repeat(43)).expectStatus().isUnauthorized();
        feedPage("Bearer " + OPERATOR_TOKEN).expectStatus().isUnauthorized();
    }

    @Test
    void aCursorTheFeedDidNotHandOutIsAValidationProblem() {
        TestPartner partner = registerPartner();
        for (String bad : List.of("not-base64!", "MDp4", "eA", "MDotMQ")) {
            http.get().uri(u -> u.path("/api/v1/feed/postings").queryParam("cursor", bad).queryParam("limit", 0).build())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                    .jsonPath("$.errors[0].field").isEqualTo("cursor")
                    .jsonPath("$.errors[1].field").isEqualTo("limit");
        }
    }

    @Test
    void theLiveStreamSendsChangesAndResumesFromTheLastEventId() {
        TestPartner partner = registerPartner();
        String region = String.valueOf(ThreadLocalRandom.current().nextInt(600_000, 700_000));
        String first = json(put(partner, externalId(), inRegion("Baker", region)).expectStatus().isCreated())
                .get("postingId").stringValue();

        // other tests' postings changed outside this region arrive as tombstones (the feed cannot tell whether an
        // earlier version was in the region): this seeker of the stream looks for its own postings
        ServerSentEvent<String> created = stream(partner, region, null)
                .filter(e -> e.data() != null && e.data().contains(first)).blockFirst(TIMEOUT);
        assertThat(created).isNotNull();
        assertThat(created.event()).isEqualTo("CREATED");
        JsonNode item = JSON.readTree(created.data());
        assertThat(item.get("postingId").stringValue()).isEqualTo(first);
        assertThat(item.get("posting").get("title").stringValue()).isEqualTo("Baker");
        assertThat(created.data()).doesNotContain("externalId", "partnerId");
        assertThat(created.id()).isEqualTo(item.get("cursor").stringValue());

        // the connection drops; a change happens; the client reconnects with the id of the last event it saw
        String externalId = externalId();
        String second = json(put(partner, externalId, inRegion("Pastry cook", region)).expectStatus().isCreated())
                .get("postingId").stringValue();
        http.delete().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey()).exchange().expectStatus().isOk();
        // the log is at least once (another instance's sweeper may publish an event again): a reader keeps an
        // item only when its version is new to it, as this one does
        List<ServerSentEvent<String>> resumed = stream(partner, region, created.id())
                .filter(e -> e.data() != null && (e.data().contains(first) || e.data().contains(second)))
                .distinct(e -> {
                    JsonNode change = JSON.readTree(e.data());
                    return change.get("postingId").stringValue() + "@" + change.get("version").longValue();
                })
                .take(2).collectList().block(TIMEOUT);
        assertThat(resumed).extracting(ServerSentEvent::event).containsExactly("CREATED", "CLOSED");
        assertThat(resumed).allSatisfy(e -> assertThat(JSON.readTree(e.data()).get("postingId").stringValue())
                .isEqualTo(second));
        assertThat(JSON.readTree(resumed.get(1).data()).get("removed").booleanValue()).isTrue();
    }

    /** Not a timed test: prints what one page costs, for the README. */
    @Test
    void measuresAPage() {
        TestPartner partner = registerPartner();
        for (int i = 0; i < 100; i++) {
            put(partner, externalId(), validPosting("Measured " + i)).expectStatus().isCreated();
        }
        List<Long> snapshot = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        for (int run = 0; run < 7; run++) {
            long start = System.nanoTime();
            JsonNode page = json(feedPage(partner, null, 100).expectStatus().isOk());
            snapshot.add((System.nanoTime() - start) / 1_000);
            // up to 100: a record no posting can be read from is skipped
            assertThat(page.get("items").size()).isBetween(1, 100);
            String cursor = page.get("nextCursor").stringValue();
            while (!page.get("caughtUp").booleanValue()) {
                page = json(feedPage(partner, cursor, 500).expectStatus().isOk());
                cursor = page.get("nextCursor").stringValue();
            }
            start = System.nanoTime();
            json(feedPage(partner, cursor, 100).expectStatus().isOk());
            caughtUp.add((System.nanoTime() - start) / 1_000);
        }
        snapshot.sort(null);
        caughtUp.sort(null);
        System.out.printf("FEED PAGE LATENCY: a page of 100 items from the snapshot: median %.1f ms (min %.1f, max %.1f); "
                        + "a caught-up page: median %.1f ms (7 runs each)%n", snapshot.get(3) / 1000.0,
                snapshot.getFirst() / 1000.0, snapshot.getLast() / 1000.0, caughtUp.get(3) / 1000.0);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec feedPage(String authorization) {
        return http.get().uri("/api/v1/feed/postings?limit=5")
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec feedPage(TestPartner partner,
                                                                                            String cursor, int limit) {
        return http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build()
                .get().uri(u -> u.path("/api/v1/feed/postings").queryParam("limit", limit)
                        .queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor)).build())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange();
    }

    private Flux<ServerSentEvent<String>> stream(TestPartner partner, String region, String lastEventId) {
        return http.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .get().uri(u -> u.path("/api/v1/feed/postings").queryParam("region", region).build())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange().expectStatus().isOk()
                .returnResult(EVENT).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inRegion(String title, String region) {
        Map<String, Object> posting = validPosting(title);
        ((Map<String, Object>) posting.get("location")).put("regionCode", region);
        return posting;
    }
}
