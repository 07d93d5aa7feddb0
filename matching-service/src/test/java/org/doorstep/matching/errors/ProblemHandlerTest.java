package org.doorstep.matching.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.bson.BsonDocument;

import reactor.core.publisher.Mono;

/**
 * How ProblemHandler maps what a handler throws: the store out of reach is a 503 the client may retry,
 * anything unforeseen a 500 that tells nothing of the internals.
 */
@WebFluxTest(controllers = ProblemHandlerTest.Failing.class)
@Import({ProblemHandlerTest.Failing.class, ProblemWriting.class})
class ProblemHandlerTest {

    private static final String SECRET = "mongodb://admin:hunter2@10.1.2.3";

    @RestController
    static class Failing {

        @GetMapping("/failing/unexpected")
        Mono<String> unexpected() {
            return Mono.error(new IllegalStateException("internal state broken at " + SECRET));
        }

        @GetMapping("/failing/thrown")
        String thrown() {
            throw new UnsupportedOperationException("not here: " + SECRET);
        }

        @GetMapping("/failing/store-timeout")
        Mono<String> storeTimeout() {
            return Mono.error(new MongoTimeoutException("Timed out while waiting for a server " + SECRET));
        }

        @GetMapping("/failing/store-socket")
        Mono<String> storeSocket() {
            return Mono.error(new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress("10.1.2.3")));
        }

        @GetMapping("/failing/store-recovering")
        Mono<String> storeRecovering() {
            return Mono.error(new MongoNodeIsRecoveringException(new BsonDocument(), new ServerAddress("10.1.2.3")));
        }

        @GetMapping("/failing/store-spring")
        Mono<String> storeThroughSpringData() {
            return Mono.error(new DataAccessResourceFailureException("store gone",
                    new MongoSocketOpenException("Exception opening socket", new ServerAddress("10.1.2.3"))));
        }

        @GetMapping("/failing/store-wrapped")
        Mono<String> storeWrapped() {
            return Mono.error(new IllegalStateException("ledger read failed",
                    new MongoTimeoutException("Timed out while waiting for a server")));
        }
    }

    @Autowired
    private WebTestClient client;

    @Test
    void answersAnUnexpectedErrorWith500ProblemDetailsWithoutItsInternals() {
        for (String path : new String[] {"/failing/unexpected", "/failing/thrown"}) {
            String body = client.get().uri(path).exchange()
                    .expectStatus().isEqualTo(500)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).contains("\"status\":500").contains("https://doorstep.example/problems/internal")
                    .doesNotContain("hunter2").doesNotContain("Exception").doesNotContain("at org.");
        }
    }

    @Test
    void answersAStoreOutOfReachWith503AndRetryAfter() {
        for (String path : new String[] {"/failing/store-timeout", "/failing/store-socket", "/failing/store-recovering",
                "/failing/store-spring", "/failing/store-wrapped"}) {
            byte[] body = client.get().uri(path).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/store-unavailable")
                    .jsonPath("$.title").isEqualTo("Store unavailable")
                    .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).containsIgnoringCase("retry"))
                    .returnResult().getResponseBody();
            assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).as(path)
                    .doesNotContain("hunter2").doesNotContain("10.1.2.3").doesNotContain("Exception");
        }
    }
}
