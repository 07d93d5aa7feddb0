package org.doorstep.matching.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.doorstep.matching.MatchingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem's title and detail are in the language the request asks for ({@code Accept-Language}): Chinese for
 * {@code zh-CN}, English otherwise; its type and status do not change with the language.
 */
class ProblemLanguageTest extends MatchingServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return JSON.readTree(request.exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void answersAnUnknownPathWithAChineseTitleWhenChineseIsAsked() {
        JsonNode zh = problem(client().get().uri("/api/v1/no-such-thing")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"), 404);
        JsonNode en = problem(client().get().uri("/api/v1/no-such-thing")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-US"), 404);

        assertThat(zh.path("title").asString()).isEqualTo("未找到");
        assertThat(zh.path("detail").asString()).isEqualTo("所请求的资源不存在。");
        assertThat(zh.path("type").asString()).isEqualTo(en.path("type").asString())
                .isEqualTo("https://doorstep.example/problems/not-found");
        assertThat(en.path("title").asString()).isEqualTo("Not Found");
    }

    @Test
    void answersAMissingTokenInChineseFromTheSecurityChain() {
        JsonNode zh = problem(client().get().uri("/api/v1/stats").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9"),
                401);

        assertThat(zh.path("title").asString()).isEqualTo("未认证");
        assertThat(zh.path("detail").asString()).startsWith("需要运营方或审计方的令牌");
    }

    @Test
    void answersAnInvalidRequestInChinese() {
        JsonNode zh = problem(client().post().uri("/api/v1/skills:extract").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}"), 400);

        assertThat(zh.path("title").asString()).isEqualTo("请求无效");
        assertThat(zh.path("type").asString()).isEqualTo("https://doorstep.example/problems/validation");
    }
}
