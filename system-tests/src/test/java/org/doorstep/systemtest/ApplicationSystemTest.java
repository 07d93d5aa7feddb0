package org.doorstep.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import org.doorstep.local.DoorstepService;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From match to hire over the four service processes and the real broker: two seekers of the COLLEGE_GRADUATE key
 * group (one consenting to its use) are matched with a campaign's posting of a partner with a webhook. One applies
 * sharing name and contact: the partner's webhook receives a signed {@code application.submitted} that verifies with
 * the signing secret alone, and the partner fetches the packet with the name and contact. The other applies without:
 * their name and contact appear on no topic and in no store outside seekers-service. The partner marks the first
 * hired: matching's operator statistics count one more placement for the key group, the region and the campaign.
 * The first seeker erases themselves: the application is withdrawn (the partner is told, the packet is gone).
 */
@DoorstepInfrastructure
class ApplicationSystemTest {

    private static ServicesUnderTest services;
    private static PlatformClient client;

    @BeforeAll
    static void startServices() {
        services = ServicesUnderTest.get();
        client = new PlatformClient(services);
    }

    @Test
    void anApplicationReachesThePartnerSignedComesBackHiredAsAPlacementAndIsWithdrawnByErasure() throws Exception {
        try (WebhookReceiver partnerEndpoint = WebhookReceiver.start(); PlatformTraces traces = new PlatformTraces()) {
            String partnerKey = client.registerPartner();
            String secret = client.subscribeWebhook(partnerKey, partnerEndpoint.url());

            String campaign = "APPLY-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
            var created = client.send("POST", DoorstepService.POSTINGS, "/api/v1/campaigns", ServicesUnderTest.OPERATOR_TOKEN, """
                    {"code": "%s", "name": "Graduates into work", "startsOn": "2026-01-01", "endsOn": "2027-12-31",
                     "targetJobs": 100, "targetGroups": ["COLLEGE_GRADUATE"]}""".formatted(campaign));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            JsonNode sharing = registerSeeker("Zhang Min", "zhang.min@example.cn", "+86 139 1111 2222");
            JsonNode private_ = registerSeeker("Chen Jing", "chen.jing@example.cn", "+86 137 3333 4444");
            JsonNode before = stats();

            String body = PlatformClient.posting().replace("\"campaignCodes\": []", "\"campaignCodes\": [\"" + campaign + "\"]");
            assertThat(body).contains(campaign);
            var published = client.send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/APPLY-" + UUID.randomUUID(),
                    partnerKey, body);
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            String postingId = PlatformClient.json(published.body()).path("postingId").asText();

            String sharingToken = sharing.path("token").asText();
            String privateToken = private_.path("token").asText();
            String sharingMatch = await().atMost(Duration.ofSeconds(120)).until(() -> matchIdOf(sharingToken, postingId),
                    id -> id != null);
            String privateMatch = await().atMost(Duration.ofSeconds(120)).until(() -> matchIdOf(privateToken, postingId),
                    id -> id != null);

            // (a) with contact shared: a signed application.submitted, and the packet for the partner
            String sharingApplication = apply(sharingToken, sharingMatch,
                    "{\"shareContact\": true, \"share\": [\"skills\", \"experience\", \"education\", \"languages\"]}");
            JsonNode submitted = await().atMost(Duration.ofSeconds(120)).until(() -> event("application.submitted",
                    sharingApplication, partnerEndpoint), e -> e != null);
            assertThat(submitted.path("data").path("candidate").path("displayName").asText()).isEqualTo("Zhang Min");
            assertThat(partnerEndpoint.signedBatches()).as("every batch verifies with the signing secret alone")
                    .isNotEmpty().allSatisfy(batch -> assertThat(verifies(secret, batch)).isTrue());
            var packet = client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/partner/applications/" + sharingApplication,
                    partnerKey, null);
            assertThat(packet.statusCode()).as(packet.body()).isEqualTo(200);
            JsonNode fetched = PlatformClient.json(packet.body());
            assertThat(fetched.path("packet").path("candidate").path("contact").path("email").asText())
                    .isEqualTo("zhang.min@example.cn");
            assertThat(fetched.path("packet").path("profile").path("education").asText()).isEqualTo("BACHELOR");

            // (b) without consent: the name and contact stay in seekers-service
            String privateApplication = apply(privateToken, privateMatch, "{\"shareContact\": false, \"share\": [\"skills\"]}");
            JsonNode privateSubmitted = await().atMost(Duration.ofSeconds(120)).until(() -> event("application.submitted",
                    privateApplication, partnerEndpoint), e -> e != null);
            assertThat(privateSubmitted.path("data").path("candidate").isNull()).isTrue();
            List<String> personal = List.of("Chen Jing", "chen.jing@example.cn", "137 3333 4444");
            assertThat(traces.records(personal)).as("records on any topic with the name or contact").isEmpty();
            assertThat(traces.documents(personal)).as("documents with the name or contact")
                    .isNotEmpty().allSatisfy(t -> assertThat(t.collection()).startsWith("seekers."));
            assertThat(traces.records(List.of("Zhang Min", "zhang.min@example.cn"))).as("the consenting seeker's contact")
                    .isNotEmpty().allSatisfy(r -> assertThat(r.topic()).isEqualTo("doorstep.applications.v1"));

            // (c) hired: one more placement for the key group, the region and the campaign
            var hired = client.send("POST", DoorstepService.NOTIFICATION, "/api/v1/partner/applications/" + sharingApplication
                    + "/outcome", partnerKey, "{\"outcome\": \"hired\"}");
            assertThat(hired.statusCode()).as(hired.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                JsonNode after = stats();
                assertThat(placements(after, "byCampaign", campaign)).isEqualTo(1);
                assertThat(placements(after, "byKeyGroup", "COLLEGE_GRADUATE") - placements(before, "byKeyGroup", "COLLEGE_GRADUATE"))
                        .isEqualTo(1);
                assertThat(placements(after, "byRegion", "510100") - placements(before, "byRegion", "510100")).isEqualTo(1);
            });
            var seen = client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/applications", sharingToken, null);
            assertThat(PlatformClient.json(seen.body()).path("items").get(0).path("status").asText()).isEqualTo("hired");

            // (d) erasure withdraws the application: the partner is told, the packet is gone
            var erased = client.send("DELETE", DoorstepService.SEEKERS, "/api/v1/seekers/me", sharingToken, null);
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(204);
            JsonNode withdrawn = await().atMost(Duration.ofSeconds(120)).until(() -> event("application.withdrawn",
                    sharingApplication, partnerEndpoint), e -> e != null);
            assertThat(withdrawn.path("data").path("reason").asText()).isEqualTo("SEEKER_ERASED");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode after = PlatformClient.json(client.send("GET", DoorstepService.NOTIFICATION,
                        "/api/v1/partner/applications/" + sharingApplication, partnerKey, null).body());
                assertThat(after.path("status").asText()).isEqualTo("withdrawn");
                assertThat(after.path("packet").isNull()).isTrue();
            });
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                    traces.documents(List.of("Zhang Min", "zhang.min@example.cn"))).as("the packet, anywhere").isEmpty());
        }
    }

    private static JsonNode registerSeeker(String name, String email, String phone) {
        var response = client.send("POST", DoorstepService.SEEKERS, "/api/v1/seekers", null, """
                {"displayName": "%s", "contact": {"email": "%s", "phone": "%s"},
                 "location": {"lat": 30.61, "lon": 104.07, "regionCode": "510100"},
                 "maxDistanceKm": 25, "remoteOk": false, "desiredOccupations": ["2512"],
                 "skills": [{"label": "Java", "level": "INTERMEDIATE"}, {"label": "SQL", "level": "BASIC"}],
                 "education": "BACHELOR", "experienceYears": 1, "employmentTypes": ["FULL_TIME"], "languages": ["zh"],
                 "keyGroups": ["COLLEGE_GRADUATE"], "consent": {"keyGroups": true, "shareWithPartners": false}}"""
                .formatted(name, email, phone));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return PlatformClient.json(response.body());
    }

    private static String apply(String token, String matchId, String body) {
        var response = client.send("POST", DoorstepService.NOTIFICATION, "/api/v1/me/matches/" + matchId + "/apply", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return PlatformClient.json(response.body()).path("application").path("applicationId").asText();
    }

    private static String matchIdOf(String token, String postingId) {
        var inbox = PlatformClient.json(client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/matches?limit=100",
                token, null).body());
        for (var item : inbox.path("items")) {
            if (postingId.equals(item.path("postingId").asText())) {
                return item.path("matchId").asText();
            }
        }
        return null;
    }

    private static JsonNode event(String type, String applicationId, WebhookReceiver receiver) {
        return receiver.events().stream().filter(e -> type.equals(e.path("type").asText()))
                .filter(e -> applicationId.equals(e.path("data").path("applicationId").asText())).findFirst().orElse(null);
    }

    private static JsonNode stats() {
        var response = client.send("GET", DoorstepService.MATCHING, "/api/v1/stats", ServicesUnderTest.OPERATOR_TOKEN, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PlatformClient.json(response.body());
    }

    private static long placements(JsonNode stats, String by, String value) {
        return stats.path("placements").path(by).path(value).path("placements").asLong(0);
    }

    /** What a partner does with only the signing secret. */
    private static boolean verifies(String secret, WebhookReceiver.Signed batch) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(
                mac.doFinal((batch.timestamp() + "." + batch.body()).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(batch.signature());
    }
}
