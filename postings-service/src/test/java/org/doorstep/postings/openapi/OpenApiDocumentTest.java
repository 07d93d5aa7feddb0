package org.doorstep.postings.openapi;

import java.util.List;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest extends PostingsServiceTest {

    @Test
    void documentsEveryEndpointWithExamplesAndProblemResponses() {
        JsonNode doc = json(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk());
        JsonNode paths = doc.get("paths");

        assertThat(paths.propertyNames()).contains("/api/v1/partners", "/api/v1/partners/{partnerId}/keys",
                "/api/v1/partners/{partnerId}/keys/{keyId}", "/api/v1/postings", "/api/v1/postings/{externalId}",
                "/api/v1/postings:batch", "/api/v1/campaigns", "/api/v1/campaigns/{code}");
        JsonNode put = paths.get("/api/v1/postings/{externalId}").get("put");
        assertThat(put.get("requestBody").get("content").get("application/json").has("example")).isTrue();
        for (String status : List.of("200", "201", "400", "401", "404", "412", "413", "429")) {
            assertThat(put.get("responses").has(status)).as("PUT documents %s", status).isTrue();
        }
        assertThat(put.get("responses").get("400").get("content").get("application/problem+json")
                .get("examples").toString()).contains("https://doorstep.example/problems/validation");
        assertThat(paths.get("/api/v1/postings:batch").get("post").get("requestBody").toString())
                .contains("application/x-ndjson");
        assertThat(doc.get("components").get("securitySchemes").has("partnerKey")).isTrue();
        // each operation names the credentials it takes: the map of postings is the operators', not the partners'
        assertThat(paths.at("/~1api~1v1~1postings:locations/get/security").toString()).contains("operatorToken")
                .doesNotContain("partnerKey");
        assertThat(put.get("security").toString()).contains("partnerKey");
        assertThat(paths.at("/~1api~1v1~1campaigns/post/responses").has("201")).as("POST campaigns answers 201").isTrue();
        // the posting resource is one flat object: the partner's content in line with the posting's own fields
        assertThat(doc.get("components").get("schemas").get("PostingState").get("properties").propertyNames())
                .contains("postingId", "version", "status", "title", "skills", "location", "validThrough", "updatedAt")
                .doesNotContain("content");
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void describesThePostingBodyAndEachBatchLineByTheRequestRecordsAndTheirRules() {
        JsonNode doc = json(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk());

        String posting = "#/components/schemas/PostingRequest";
        assertThat(doc.at("/paths/~1api~1v1~1postings~1{externalId}/put/requestBody/content/application~1json/schema/$ref")
                .stringValue()).isEqualTo(posting);
        assertThat(doc.at("/paths/~1api~1v1~1postings:batch/post/requestBody/content/application~1x-ndjson/schema/$ref")
                .stringValue()).isEqualTo(posting);
        JsonNode schemas = doc.at("/components/schemas");
        assertThat(schemas.at("/PostingRequest/properties").has("postingId")).isFalse();
        assertThat(schemas.at("/PostingRequest/properties/title/maxLength").asInt()).isEqualTo(200);
        assertThat(schemas.at("/PostingRequest/properties/skills/maxItems").asInt()).isEqualTo(50);
        assertThat(schemas.at("/PostingRequest/properties/vacancies/minimum").asInt()).isEqualTo(1);
        assertThat(schemas.at("/PostingRequest/properties/vacancies/maximum").asInt()).isEqualTo(10_000);
        assertThat(schemas.at("/PostingRequest/properties/languages/items/pattern").stringValue()).contains("[a-z]{2,3}");
        assertThat(schemas.at("/LocationRequest/properties/lat/minimum").asInt()).isEqualTo(-90);
        assertThat(schemas.at("/LocationRequest/properties/lon/maximum").asInt()).isEqualTo(180);
        assertThat(schemas.at("/SalaryRequest/properties/period/enum")).isNotEmpty();
        assertThat(schemas.at("/SkillRequest/properties/label/maxLength").asInt()).isEqualTo(100);
    }

    @Test
    void describesPostingsAsTheFlatObjectsTheServiceWrites() {
        JsonNode schemas = json(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()).at("/components/schemas");
        for (String schema : List.of("PostingState", "FeedPosting")) {
            assertThat(schemas.at("/" + schema + "/properties").propertyNames())
                    .as(schema).contains("postingId", "version", "title", "skills", "location", "updatedAt")
                    .doesNotContain("content");
        }
    }

    @Test
    void documentedPostingExampleIsAcceptedByTheApi() {
        http.put().uri("/api/v1/campaigns/SPRING-2026")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiExamples.CAMPAIGN_REQUEST)
                .exchange().expectStatus().is2xxSuccessful();

        put(registerPartner(), externalId(), ApiExamples.POSTING_REQUEST).expectStatus().isCreated();
    }

    @Test
    void actuatorProbesAreUp() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isOk();
    }
}
