package org.doorstep.notifications.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Partners;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Partner authentication from the registry copy, and webhook registration with its SSRF guard. */
@NotificationServiceTest
class WebhookRegistrationTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    private int put(String key, String url) {
        return client().put().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key))
                .bodyValue(Map.of("url", url)).exchange().returnResult(byte[].class).getStatus().value();
    }

    private String knownPartnerKey() {
        String partnerId = "partner-" + Events.id();
        String key = Partners.register(partnerId);
        await().atMost(Duration.ofSeconds(20)).until(() -> put(key, "http://localhost:9/hook") == 200);
        return key;
    }

    @Test
    void registeringReturnsTheUrlAndASigningSecretThatIsNeverShownAgain() {
        String key = knownPartnerKey();
        client().put().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key))
                .bodyValue(Map.of("url", "http://localhost:8999/doorstep")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.url").isEqualTo("http://localhost:8999/doorstep")
                .jsonPath("$.signingSecret").value(secret -> assertThat((String) secret).startsWith("whsec_").hasSizeGreaterThan(40));
        client().get().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.url").isEqualTo("http://localhost:8999/doorstep")
                .jsonPath("$.signingSecret").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://10.0.0.5/hook", "https://192.168.1.10/hook", "https://172.16.0.1/hook",
            "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/hook", "https://[fe80::1]/hook",
            "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://[::ffff:10.0.0.1]/hook",
            "http://93.184.216.34/hook", "ftp://93.184.216.34/hook", "https://user:pw@93.184.216.34/hook",
            "not a url"})
    void refusesWebhookUrlsThatCouldReachInsideTheNetwork(String url) {
        String key = knownPartnerKey();
        client().put().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key))
                .bodyValue(Map.of("url", url)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("url");
    }

    @Test
    void aBodyThatIsNotJsonIsA400Problem() {
        String key = knownPartnerKey();
        client().put().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{not json").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400).jsonPath("$.trace").doesNotExist();
    }

    @Test
    void aMissingUrlIsAValidationProblemNamingTheField() {
        String key = knownPartnerKey();
        client().put().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key))
                .bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("url");
    }

    @Test
    void unknownKeysSeekerTokensAndNoKeyAre401ProblemJson() {
        for (String key : List.of(Partners.newKey(), Tokens.seeker("s1"), "dsk_short")) {
            client().get().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(401);
        }
        client().get().uri("/api/v1/partner/webhook/dead-letters").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aPartnerKeyDoesNotOpenASeekersInbox() {
        String key = knownPartnerKey();
        client().get().uri("/api/v1/me/matches").headers(h -> h.setBearerAuth(key)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aTombstoneRemovesThePartnerFromTheRegistryCopy() {
        String partnerId = "partner-" + Events.id();
        String key = Partners.register(partnerId);
        await().atMost(Duration.ofSeconds(20)).until(() -> put(key, "http://localhost:9/hook") == 200);
        Events.send(Events.PARTNERS, partnerId, null, null, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> put(key, "http://localhost:9/hook") == 401);
    }

    @Test
    void revokedKeysAndSuspendedPartnersStopWorking() {
        String partnerId = "partner-" + Events.id();
        String oldKey = Partners.newKey();
        String newKey = Partners.newKey();
        Partners.publish(partnerId, 1, "ACTIVE", List.of(oldKey));
        await().atMost(Duration.ofSeconds(20)).until(() -> put(oldKey, "http://localhost:9/hook") == 200);

        Partners.publish(partnerId, 2, "ACTIVE", List.of(newKey)); // old key revoked
        await().atMost(Duration.ofSeconds(20)).until(() -> put(oldKey, "http://localhost:9/hook") == 401);
        assertThat(put(newKey, "http://localhost:9/hook")).isEqualTo(200);

        Partners.publish(partnerId, 1, "ACTIVE", List.of(oldKey)); // a stale version changes nothing
        Partners.publish(partnerId, 3, "SUSPENDED", List.of(newKey));
        await().atMost(Duration.ofSeconds(20)).until(() -> put(newKey, "http://localhost:9/hook") == 401);
        assertThat(put(oldKey, "http://localhost:9/hook")).isEqualTo(401);
    }
}
