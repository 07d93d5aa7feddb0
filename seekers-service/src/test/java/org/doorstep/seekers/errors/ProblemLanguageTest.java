package org.doorstep.seekers.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A problem's title and detail are in the language the request asks for ({@code Accept-Language}): Chinese for
 * {@code zh-CN}, English otherwise; its type, status and field errors do not change with the language.
 */
class ProblemLanguageTest extends SeekersServiceTest {

    private static JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return json(request.exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void answersAnInvalidProfileInChineseWhenChineseIsAsked() {
        String invalid = "{\"maxDistanceKm\": -3}";
        JsonNode zh = problem(http.post().uri("/api/v1/seekers").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(invalid), 400);
        JsonNode en = problem(http.post().uri("/api/v1/seekers").header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(invalid), 400);

        assertThat(zh.path("title").asString()).isEqualTo("档案无效");
        assertThat(zh.path("detail").asString()).contains("未作任何更改");
        assertThat(zh.path("type").asString()).isEqualTo(en.path("type").asString())
                .isEqualTo("https://doorstep.example/problems/validation");
        assertThat(zh.path("errors").toString()).isEqualTo(en.path("errors").toString()).contains("maxDistanceKm");
        assertThat(en.path("title").asString()).isEqualTo("Invalid request");
    }

    @Test
    void answersAMissingTokenInChineseFromTheSecurityChain() {
        JsonNode zh = problem(http.get().uri("/api/v1/seekers/me").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"), 401);
        JsonNode en = problem(http.get().uri("/api/v1/seekers/me"), 401);

        assertThat(zh.path("title").asString()).isEqualTo("未认证");
        assertThat(zh.path("detail").asString()).isEqualTo("需要持有者令牌（Authorization: Bearer）。");
        assertThat(en.path("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void answersAnUnknownPathInChineseAndAnUnreadableLanguageInEnglish() {
        Registered seeker = register("{}");
        JsonNode zh = problem(http.get().uri("/api/v1/nothing-here").header(HttpHeaders.ACCEPT_LANGUAGE, "zh")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token()), 404);
        JsonNode unreadable = problem(http.get().uri("/api/v1/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh;q=x,,;"), 404);

        assertThat(zh.path("title").asString()).isEqualTo("未找到");
        assertThat(unreadable.path("title").asString()).isEqualTo("Not Found");
    }
}
