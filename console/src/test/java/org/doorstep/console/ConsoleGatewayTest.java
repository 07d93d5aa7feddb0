package org.doorstep.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over real HTTP: it serves the bundle with its security headers, forwards only /svc/{service}/api/** and
 * the Prometheus endpoint, passes the caller's headers unchanged, and lets a Server-Sent Events stream through event by
 * event (the upstream here writes its second event only after the client has read the first through the console, so
 * a buffering proxy would hang this test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleGatewayTest {

    private static final CountDownLatch FIRST_EVENT_READ = new CountDownLatch(1);
    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final HttpServer UPSTREAM = upstream();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
        registry.add("DOORSTEP_POSTINGS_URL", () -> "http://127.0.0.1:" + closedPort());
        registry.add("DOORSTEP_SEEKERS_URL", () -> url);
        registry.add("DOORSTEP_MATCHING_URL", () -> url);
        registry.add("DOORSTEP_NOTIFICATIONS_URL", () -> url);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.stop(0);
    }

    @Test
    void servesTheFrontEndWithAPolicyThatAllowsOnlyItsOwnOrigin() throws Exception {
        HttpResponse<String> page = get("/", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<main id=\"main\"").contains("/assets/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.POLICY);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void forwardsAnApiCallWithItsHeadersToTheServiceWithoutThePrefix() throws Exception {
        HttpResponse<String> answer = get("/svc/seekers/api/v1/seekers/me", Map.of("Authorization", "Bearer seeker-token",
                "Accept-Language", "zh-CN"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"path\":\"/api/v1/seekers/me\"}");
        assertThat(SEEN).containsEntry("/api/v1/seekers/me authorization", "Bearer seeker-token")
                .containsEntry("/api/v1/seekers/me accept-language", "zh-CN");
    }

    @Test
    void forwardsNothingButTheApiAndTheMetrics() throws Exception {
        assertThat(get("/svc/matching/actuator/env", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/svc/unknown/api/v1/x", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get("/svc/matching/actuator/prometheus", Map.of()).body()).contains("/actuator/prometheus");
    }

    @Test
    void answersAServiceOutOfReachWithAProblemToRetryNotA500() throws Exception {
        HttpResponse<String> answer = get("/svc/postings/api/v1/campaigns", Map.of("Authorization", "Bearer operator"));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(answer.body()).contains("\"type\":\"https://doorstep.example/problems/service-unavailable\"");
        HttpResponse<String> missing = get("/no/such/page", Map.of());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("problems/not-found");
    }

    @Test
    void letsTheLiveStreamThroughEventByEventWithTheLastEventId() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/svc/notification/api/v1/me/matches/stream"))
                .header("Authorization", "Bearer seeker-token").header("Last-Event-ID", "41").header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo("id: 42");
        assertThat(lines.next()).isEqualTo("event: match.found");
        assertThat(lines.next()).isEqualTo("data: {\"matchId\":\"m-1\"}");
        FIRST_EVENT_READ.countDown();
        assertThat(lines.next()).isEmpty();
        assertThat(lines.next()).isEqualTo("id: 43");
        assertThat(SEEN).containsEntry("/api/v1/me/matches/stream last-event-id", "41");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stand-in for the services: echoes the path it was asked for; the stream path writes two events, the second late. */
    private static HttpServer upstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ConsoleGatewayTest::answer);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestHeaders().forEach((name, values) -> SEEN.put(path + " " + name.toLowerCase(), values.get(0)));
        if (path.equals("/api/v1/me/matches/stream")) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("id: 42\nevent: match.found\ndata: {\"matchId\":\"m-1\"}\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                if (FIRST_EVENT_READ.await(20, TimeUnit.SECONDS)) {
                    body.write("id: 43\nevent: match.found\ndata: {\"matchId\":\"m-2\"}\n\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
