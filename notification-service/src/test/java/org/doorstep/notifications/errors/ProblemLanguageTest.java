package org.doorstep.notifications.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A problem's title and detail are in the language the request asks for ({@code Accept-Language}): Chinese for
 * {@code zh-CN}, English otherwise; its type, status and field errors do not change with the language.
 */
@NotificationServiceTest
class ProblemLanguageTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return Events.JSON.readTree(request.exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
    }

    @Test
    void answersAnInvalidRequestInChineseWhenChineseIsAsked() {
        String seeker = Tokens.seeker(Events.id());
        JsonNode zh = problem(client().get().uri("/api/v1/me/matches/stream?lastEventId=abc")
                .accept(MediaType.TEXT_EVENT_STREAM).header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"), 400);
        JsonNode en = problem(client().get().uri("/api/v1/me/matches/stream?lastEventId=abc")
                .accept(MediaType.TEXT_EVENT_STREAM).header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"), 400);

        assertThat(zh.path("title").asString()).isEqualTo("请求无效");
        assertThat(zh.path("detail").asString()).isEqualTo("请求中有无效的字段；见 errors 中每个字段的原因。");
        assertThat(zh.path("type").asString()).isEqualTo(en.path("type").asString())
                .isEqualTo("https://doorstep.example/problems/validation");
        assertThat(zh.path("errors").toString()).isEqualTo(en.path("errors").toString());
        assertThat(en.path("title").asString()).isEqualTo("Invalid request");
    }

    @Test
    void answersAMissingTokenInChineseFromTheSecurityChain() {
        JsonNode zh = problem(client().get().uri("/api/v1/me/matches").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"), 401);

        assertThat(zh.path("title").asString()).isEqualTo("未认证");
        assertThat(zh.path("type").asString()).isEqualTo("https://doorstep.example/problems/unauthorized");
    }

    @Test
    void answersAnUnknownPathInChinese() {
        JsonNode zh = problem(client().get().uri("/api/v1/me/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.seeker(Events.id()))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-Hans-CN"), 404);

        assertThat(zh.path("title").asString()).isEqualTo("未找到");
    }
}
