package org.doorstep.matching.extraction.web;

import org.doorstep.matching.errors.ProblemWriting;
import org.doorstep.matching.extraction.SkillExtractor;
import org.doorstep.matching.limits.AbuseLimits;
import org.doorstep.matching.limits.web.ClientAddresses;
import org.doorstep.matching.taxonomy.BuiltInVocabulary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** POST /api/v1/skills:extract over HTTP: results with spans, problem details for bad input, rate limit. */
@WebFluxTest(ExtractionController.class)
@Import({ExtractionControllerTest.Extraction.class, ProblemWriting.class})
@TestPropertySource(properties = {"doorstep.extraction.rate-limit.limit-for-period=2",
        "doorstep.extraction.rate-limit.refresh-period=1h"})
class ExtractionControllerTest {

    @TestConfiguration
    @EnableConfigurationProperties({ExtractionRateLimiter.Settings.class, AbuseLimits.class})
    @Import({ExtractionRateLimiter.class, ClientAddresses.class})
    static class Extraction {
        @Bean
        SkillExtractor skillExtractor() {
            return new SkillExtractor(BuiltInVocabulary.load());
        }
    }

    @Autowired
    WebTestClient client;

    private WebTestClient.ResponseSpec extract(String json) {
        return client.post().uri("/api/v1/skills:extract").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    @Test
    void findsSkillsAndOccupationsThenRefusesBadInputThenLimitsTheRate() {
        // one test method on purpose: the two permits of this client are spent by the two valid requests (bad input is refused before it takes one)
        extract("{\"text\":\"Java开发工程师, 熟悉 Python 和 SQL\"}").expectStatus().isOk()
                .expectBody()
                .jsonPath("$.skills[?(@.label == 'Python')].spans[0].text").isEqualTo("Python")
                .jsonPath("$.skills[?(@.label == 'Python')].confidence").exists()
                .jsonPath("$.occupations[0].isco").isEqualTo(2512);

        extract("{\"text\":\"   \"}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid request: text must not be blank.")
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation");

        extract("{\"text\":\"" + "a".repeat(50_001) + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid request: text must be at most 50000 characters.");

        extract("{\"text\":\"Java\",\"limit\":0}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid request: limit must be at least 1.");

        client.post().uri("/api/v1/skills:extract").contentType(MediaType.TEXT_PLAIN).bodyValue("Java").exchange()
                .expectStatus().isEqualTo(415).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        extract("{\"text\":\"Java\"}").expectStatus().isOk();
        extract("{\"text\":\"Java\"}").expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/rate-limited");
    }
}
