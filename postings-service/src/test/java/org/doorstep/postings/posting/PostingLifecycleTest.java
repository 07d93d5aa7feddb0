package org.doorstep.postings.posting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.postings.PostingsServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class PostingLifecycleTest extends PostingsServiceTest {

    @Test
    void partnerNeitherSeesNorChangesNorClosesAnotherPartnersPosting() {
        TestPartner owner = registerPartner();
        TestPartner other = registerPartner();
        String externalId = externalId();
        String postingId = json(put(owner, externalId, validPosting("Nurse")).expectStatus().isCreated())
                .get("postingId").stringValue();

        get(other, externalId).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.delete().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + other.apiKey())
                .exchange().expectStatus().isNotFound();
        assertThat(json(list(other, "")).get("items")).isEmpty();
        JsonNode othersOwn = json(put(other, externalId, validPosting("Other board's nurse")).expectStatus().isCreated());
        assertThat(othersOwn.get("postingId").stringValue()).isNotEqualTo(postingId);

        JsonNode ownersView = json(get(owner, externalId).expectStatus().isOk());
        assertThat(ownersView.get("title").stringValue()).isEqualTo("Nurse");
        assertThat(ownersView.get("version").asLong()).isEqualTo(1);
        assertThat(ownersView.get("status").stringValue()).isEqualTo("OPEN");
    }

    @Test
    void listsOwnPostingsWithCursorPagingAndStatusFilter() {
        TestPartner partner = registerPartner();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "LIST-" + i;
            ids.add(id);
            put(partner, id, validPosting("Cook " + i)).expectStatus().isCreated();
        }
        close(partner, "LIST-1").expectStatus().isOk();
        close(partner, "LIST-3").expectStatus().isOk();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(list(partner, "limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus().isOk());
            page.get("items").forEach(item -> seen.add(item.get("externalId").stringValue()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(externalIds(json(list(partner, "status=OPEN")))).containsExactly("LIST-0", "LIST-2", "LIST-4");
        assertThat(externalIds(json(list(partner, "status=CLOSED")))).containsExactly("LIST-1", "LIST-3");
        list(partner, "status=SOMETIMES").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        // a cursor the service never returned is a 400, not an empty last page (it was, for any base64 text)
        for (String bad : List.of("zzz", "_w", "YWJjIGQ", "JTJG", "%FF")) {
            list(partner, "cursor=" + bad).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
        }
        list(partner, "limit=ten").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("limit")
                .jsonPath("$.errors[0].reason").isEqualTo("must be an integer")
                .jsonPath("$.detail").isEqualTo("Invalid request: limit must be an integer.");
    }

    @Test
    void closingPublishesClosedEventWithFullStateAndClosingAgainChangesNothing() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        Map<String, Object> body = validPosting("Driver");
        String postingId = json(put(partner, externalId, body).expectStatus().isCreated()).get("postingId").stringValue();

        JsonNode closed = json(close(partner, externalId).expectStatus().isOk());
        assertThat(closed.get("status").stringValue()).isEqualTo("CLOSED");
        assertThat(closed.get("closedReason").stringValue()).isEqualTo("PARTNER");
        assertThat(closed.get("version").asLong()).isEqualTo(2);
        JsonNode again = json(close(partner, externalId).expectStatus().isOk());
        assertThat(again.get("version").asLong()).isEqualTo(2);
        JsonNode reopened = json(put(partner, externalId, body).expectStatus().isOk());
        assertThat(reopened.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(reopened.get("version").asLong()).isEqualTo(3);

        try (TopicReader postings = TopicReader.of(POSTINGS_TOPIC)) {
            postings.await(r -> postingId.equals(r.key()) && TopicReader.value(r).contains("\"version\":3"), TIMEOUT);
            // the outbox publishes at least once (a relay and the sweep may both send an event before it is marked):
            // the same event twice is allowed, so each event counts once, by its CloudEvents id
            Map<String, ConsumerRecord<String, byte[]>> byId = new LinkedHashMap<>();
            postings.forKey(postingId).forEach(r -> byId.putIfAbsent(TopicReader.header(r, "ce_id"), r));
            List<ConsumerRecord<String, byte[]>> records = List.copyOf(byId.values());
            assertThat(records).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                    "org.doorstep.posting.upserted.v1", "org.doorstep.posting.closed.v1",
                    "org.doorstep.posting.upserted.v1");
            String closedEvent = TopicReader.value(records.get(1));
            assertThat(EventContract.violations("org.doorstep.posting.closed.v1", closedEvent)).isEmpty();
            assertThat(JSON.readTree(closedEvent).get("title").stringValue()).isEqualTo("Driver");
            assertThat(EventContract.violations("org.doorstep.posting.upserted.v1",
                    TopicReader.value(records.get(2)))).isEmpty();
        }
    }

    @Test
    void staleIfMatchVersionGets412AndChangesNothing() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        Map<String, Object> body = validPosting("Teacher");
        put(partner, externalId, body).expectStatus().isCreated();

        body.put("vacancies", 2);
        putIfMatch(partner, externalId, body, "\"1\"").expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"");
        body.put("vacancies", 7);
        putIfMatch(partner, externalId, body, "\"1\"").expectStatus().isEqualTo(412)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/precondition-failed");
        http.delete().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .exchange().expectStatus().isEqualTo(412);
        putIfMatch(partner, externalId() , body, "\"1\"").expectStatus().isEqualTo(412);

        JsonNode current = json(get(partner, externalId).expectStatus().isOk());
        assertThat(current.get("version").asLong()).isEqualTo(2);
        assertThat(current.get("vacancies").asInt()).isEqualTo(2);
        assertThat(current.get("status").stringValue()).isEqualTo("OPEN");
    }

    /** RFC 9110's preconditions as a partner's HTTP library sends them (exploratory testing found * and W/ taken). */
    @Test
    void ifMatchAndIfNoneMatchFollowTheirRfcMeaning() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        Map<String, Object> body = validPosting("Baker");
        putIfMatch(partner, externalId, body, "*").expectStatus().isEqualTo(412); // If-Match: * and nothing there
        http.put().uri("/api/v1/postings/{id}", externalId).header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .header(HttpHeaders.IF_NONE_MATCH, "*").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(body)).exchange().expectStatus().isCreated();
        body.put("vacancies", 4);
        http.put().uri("/api/v1/postings/{id}", externalId).header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .header(HttpHeaders.IF_NONE_MATCH, "*").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(body)).exchange().expectStatus().isEqualTo(412); // create only
        putIfMatch(partner, externalId, body, "W/\"1\"").expectStatus().isEqualTo(412); // weak never matches
        putIfMatch(partner, externalId, body, "\"7\", \"1\"").expectStatus().isOk() // one of a list
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"");
        body.put("vacancies", 5);
        putIfMatch(partner, externalId, body, "*").expectStatus().isOk();
        putIfMatch(partner, externalId, body, "\"two\"").expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("versions"));
        assertThat(json(get(partner, externalId).expectStatus().isOk()).get("version").asLong()).isEqualTo(3);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec putIfMatch(
            TestPartner partner, String externalId, Object body, String ifMatch) {
        return http.put().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .header(HttpHeaders.IF_MATCH, ifMatch)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(body))
                .exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec close(TestPartner partner,
                                                                                          String externalId) {
        return http.delete().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec list(TestPartner partner,
                                                                                         String query) {
        return http.get().uri("/api/v1/postings?" + query)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange();
    }

    private static List<String> externalIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("externalId").stringValue()));
        return ids;
    }
}
