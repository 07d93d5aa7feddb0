package org.doorstep.notifications.errors;

import java.time.Duration;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Partners;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bodies are bound strictly (issue 14, {@link StrictJsonBodies}), a partner's webhook as a seeker's application:
 * nothing unknown is ignored, nothing of the wrong JSON type coerced, and the answer names the field and the reason
 * ({@link InputProblems}), as it names a query parameter of the wrong type.
 */
@NotificationServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictBodiesTest {

    @LocalServerPort
    int port;

    private String partnerKey;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @BeforeAll
    void partner() {
        partnerKey = Partners.register("partner-" + Events.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> client().get().uri("/api/v1/partner/webhook")
                .headers(h -> h.setBearerAuth(partnerKey)).exchange().returnResult(byte[].class).getStatus().value() != 401);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"url": "http://localhost:9/hook", "secret": "x"} | secret | unknown property
            {"url": 8080}                                     | url    | must be a string
            {"url": ["http://localhost:9/hook"]}              | url    | must be a string
            {"url": "http://localhost:9/hook"                 | ''     | malformed JSON at line 1, column 34
            """)
    void aPartnersWebhookBodyIsBoundStrictly(String body, String field, String reason) {
        assertRefused(client().put().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(partnerKey))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(), field, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"shareContact": "true"}                  | shareContact | must be true or false
            {"shareContact": 1}                       | shareContact | must be true or false
            {"share": "skills"}                       | share        | must be an array
            {"share": ["skills", 3]}                  | share[1]     | must be a string
            {"share": ["skills"], "coverLetter": "x"} | coverLetter  | unknown property
            """)
    void aSeekersApplicationBodyIsBoundStrictly(String body, String field, String reason) {
        String token = Tokens.seeker("seeker-" + Events.id());
        assertRefused(client().post().uri("/api/v1/me/matches/{id}/apply", "m-strict-" + Events.id())
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(),
                field, reason);
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/partner/webhook/deliveries?limit=ten", "/api/v1/partner/webhook/dead-letters?limit=1.5"})
    void aParameterOfAnotherTypeIsNamed(String uri) {
        assertRefused(client().get().uri(uri).headers(h -> h.setBearerAuth(partnerKey)).exchange(), "limit",
                "must be an integer");
    }

    private static void assertRefused(WebTestClient.ResponseSpec response, String field, String reason) {
        response.expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].reason").isEqualTo(reason)
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains(reason));
    }
}
