package org.doorstep.postings.campaign;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignTest extends PostingsServiceTest {

    /** "spring-2026" next to "SPRING-2026" split one drive's postings in two campaigns. */
    @Test
    void aCodeThatDiffersOnlyInCaseFromACampaignsIsTakenByIt() {
        String code = code();
        operator(http.post().uri("/api/v1/campaigns")).bodyValue(campaign(code, "Drive", 100))
                .exchange().expectStatus().isCreated();
        String otherCase = code.toLowerCase(java.util.Locale.ROOT).equals(code)
                ? code.toUpperCase(java.util.Locale.ROOT) : code.toLowerCase(java.util.Locale.ROOT);

        operator(http.post().uri("/api/v1/campaigns")).bodyValue(campaign(otherCase, "Drive again", 1))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(code));
        operator(http.put().uri("/api/v1/campaigns/{code}", otherCase)).bodyValue(campaign(otherCase, "Drive again", 1))
                .exchange().expectStatus().isEqualTo(409);
        operator(http.put().uri("/api/v1/campaigns/{code}", code)).bodyValue(campaign(code, "Drive, renamed", 100))
                .exchange().expectStatus().isOk();
    }

    /** Partners tag postings with campaign codes but could not read them (401). */
    @Test
    void aPartnerReadsTheListOfCampaignsWithItsKeyButNotACampaignsProgress() {
        String code = code();
        operator(http.post().uri("/api/v1/campaigns")).bodyValue(campaign(code, "Drive", 100))
                .exchange().expectStatus().isCreated();
        TestPartner partner = registerPartner();

        JsonNode list = json(http.get().uri("/api/v1/campaigns")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey()).exchange().expectStatus().isOk());
        assertThat(list.valueStream().map(c -> c.get("code").stringValue())).contains(code);
        http.get().uri("/api/v1/campaigns/{code}", code).header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().isForbidden();
        http.get().uri("/api/v1/campaigns").header(HttpHeaders.AUTHORIZATION, "Bearer dsk_000000000000_not-a-key")
                .exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/campaigns").header(HttpHeaders.AUTHORIZATION, "Bearer not-the-operator")
                .exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/campaigns").header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isOk();
    }

    @Test
    void operatorCreatesUpdatesAndListsCampaigns() {
        String code = code();
        JsonNode created = json(operator(http.post().uri("/api/v1/campaigns"))
                .bodyValue(campaign(code, "Spring recruitment drive", 30_000_000))
                .exchange().expectStatus().isCreated());
        assertThat(created.get("code").stringValue()).isEqualTo(code);
        assertThat(created.get("targetGroups").get(0).stringValue()).isEqualTo("COLLEGE_GRADUATE");

        operator(http.post().uri("/api/v1/campaigns"))
                .bodyValue(campaign(code, "Again", 1))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode updated = json(operator(http.put().uri("/api/v1/campaigns/{code}", code))
                .bodyValue(campaign(code, "Spring recruitment drive 2026", 31_000_000))
                .exchange().expectStatus().isOk());
        assertThat(updated.get("targetJobs").asLong()).isEqualTo(31_000_000);

        JsonNode all = json(http.get().uri("/api/v1/campaigns")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN).exchange().expectStatus().isOk());
        assertThat(all.valueStream().map(c -> c.get("code").stringValue())).contains(code);
        http.get().uri("/api/v1/campaigns").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void rejectsInvalidCampaignListingEveryViolation() {
        operator(http.post().uri("/api/v1/campaigns"))
                .bodyValue(Map.of("code", "bad code!", "name", "", "startsOn", "2026-03-01", "endsOn", "2026-02-01",
                        "targetJobs", -5, "targetGroups", List.of("ROBOTS"), "colour", "red"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors.length()").isEqualTo(6);
    }

    @Test
    void refusesADateWhoseYearIsNotFourDigitsAndStoresNothing() {
        String code = code();
        Map<String, Object> campaign = new java.util.HashMap<>(campaign(code, "Far-future drive", 10));
        campaign.put("endsOn", "+99999-01-01");
        operator(http.put().uri("/api/v1/campaigns/{code}", code)).bodyValue(campaign)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("endsOn");
        http.get().uri("/api/v1/campaigns/{code}", code)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN).exchange().expectStatus().isNotFound();
    }

    @Test
    void showsProgressOfOpenPostingsAndVacanciesByRegion() {
        String code = code();
        operator(http.post().uri("/api/v1/campaigns")).bodyValue(campaign(code, "Monthly recruitment", 100))
                .exchange().expectStatus().isCreated();
        TestPartner partner = registerPartner();
        put(partner, "C-1", inCampaign(code, "510100", 3)).expectStatus().isCreated();
        put(partner, "C-2", inCampaign(code, "510100", 4)).expectStatus().isCreated();
        put(partner, "C-3", inCampaign(code, "110000", 10)).expectStatus().isCreated();
        put(partner, "C-4", inCampaign(code, "110000", 5)).expectStatus().isCreated();
        put(partner, "C-5", validPosting("Not in the campaign")).expectStatus().isCreated();
        http.delete().uri("/api/v1/postings/C-4").header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange().expectStatus().isOk();

        JsonNode campaign = json(http.get().uri("/api/v1/campaigns/{code}", code)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN).exchange().expectStatus().isOk());

        JsonNode progress = campaign.get("progress");
        assertThat(progress.get("openPostings").asLong()).isEqualTo(3);
        assertThat(progress.get("vacancies").asLong()).isEqualTo(17);
        assertThat(progress.get("byRegion")).hasSize(2);
        assertThat(progress.get("byRegion").get(0).get("regionCode").stringValue()).isEqualTo("110000");
        assertThat(progress.get("byRegion").get(0).get("vacancies").asLong()).isEqualTo(10);
        assertThat(progress.get("byRegion").get(1).get("openPostings").asLong()).isEqualTo(2);
        http.get().uri("/api/v1/campaigns/{code}", "NO-SUCH-" + code)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN).exchange().expectStatus().isNotFound();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inCampaign(String code, String region, int vacancies) {
        Map<String, Object> posting = validPosting("Campaign job");
        posting.put("campaignCodes", List.of(code));
        posting.put("vacancies", vacancies);
        ((Map<String, Object>) posting.get("location")).put("regionCode", region);
        return posting;
    }

    private WebTestClient.RequestBodySpec operator(WebTestClient.RequestBodySpec request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON);
    }

    private static Map<String, Object> campaign(String code, String name, long targetJobs) {
        return Map.of("code", code, "name", name, "startsOn", "2026-02-01", "endsOn", "2026-06-30",
                "targetJobs", targetJobs, "targetGroups", List.of("COLLEGE_GRADUATE", "MIGRANT_WORKER"));
    }

    private static String code() {
        return "SPRING-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
