package org.doorstep.postings.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A problem's title and detail are in the language the request asks for ({@code Accept-Language}): Chinese for
 * {@code zh-CN}, English otherwise; its type and status do not change with the language.
 */
class ProblemLanguageTest extends PostingsServiceTest {

    private JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return JSON.readTree(request.exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
    }

    @Test
    void answersAnUnknownPathWithAChineseTitleWhenChineseIsAsked() {
        JsonNode zh = problem(http.get().uri("/api/v1/nothing-here").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN"), 404);
        JsonNode en = problem(http.get().uri("/api/v1/nothing-here").header(HttpHeaders.ACCEPT_LANGUAGE, "en"), 404);

        assertThat(zh.path("title").asString()).isEqualTo("未找到");
        assertThat(zh.path("detail").asString()).isEqualTo("所请求的资源不存在。");
        assertThat(zh.path("type").asString()).isEqualTo(en.path("type").asString())
                .isEqualTo("https://doorstep.example/problems/not-found");
        assertThat(en.path("title").asString()).isEqualTo("Not Found");
    }

    @Test
    void answersAMissingKeyInChineseFromTheSecurityChain() {
        JsonNode zh = problem(http.put().uri("/api/v1/postings/x-1").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(validPosting("Cook"))), 401);

        assertThat(zh.path("title").asString()).isEqualTo("未认证");
        assertThat(zh.path("type").asString()).isEqualTo("https://doorstep.example/problems/unauthorized");
    }

    @Test
    void answersAnInvalidPostingInChineseAndKeepsItsFieldErrors() {
        TestPartner partner = registerPartner();
        Map<String, Object> posting = validPosting("Cook");
        posting.remove("title");

        JsonNode zh = problem(http.put().uri("/api/v1/postings/" + externalId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(posting)), 400);
        JsonNode en = problem(http.put().uri("/api/v1/postings/" + externalId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(posting)), 400);

        assertThat(zh.path("title").asString()).isEqualTo("请求无效");
        assertThat(zh.path("errors").toString()).isEqualTo(en.path("errors").toString()).contains("title");
        assertThat(en.path("title").asString()).isEqualTo("Invalid request");
    }
}
