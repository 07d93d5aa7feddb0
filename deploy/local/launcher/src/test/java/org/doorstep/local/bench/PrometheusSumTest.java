package org.doorstep.local.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusSumTest {

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void sumsOneMetricOverInstancesAndLabelsButNotTheMetricsWhoseNameItBegins() throws IOException {
        String first = serve("""
                # HELP doorstep_matching_postings_waiting postings read and not judged yet
                # TYPE doorstep_matching_postings_waiting gauge
                doorstep_matching_postings_waiting{application="matching-service"} 12.0
                doorstep_matching_postings_waiting_oldest{application="matching-service"} 40.5
                """);
        String second = serve("doorstep_matching_postings_waiting 3.0\n");

        PrometheusSum sum = new PrometheusSum(new Http(), List.of(first, second), "token");

        assertThat(sum.of("doorstep_matching_postings_waiting")).isEqualTo(15.0);
        assertThat(sum.of("doorstep_matching_postings_waiting_oldest")).isEqualTo(40.5);
        assertThat(sum.of("doorstep_notifications_matches_total")).as("exported by none").isNull();
    }

    @Test
    void saysNothingWhenAnInstanceDoesNotAnswer() throws IOException {
        String answering = serve("doorstep_matching_postings_waiting 1.0\n");
        int closedPort;
        try (java.net.ServerSocket gone = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        String away = "http://127.0.0.1:" + closedPort;

        assertThat(new PrometheusSum(new Http(), List.of(answering, away), "token").of("doorstep_matching_postings_waiting"))
                .isNull();
    }

    private String serve(String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            boolean authorised = "Bearer token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            // as Spring Boot's endpoint: text only (it answered 406 to the JSON the benchmark's other requests accept)
            boolean text = String.valueOf(exchange.getRequestHeaders().getFirst("Accept")).startsWith("text/plain");
            exchange.sendResponseHeaders(!authorised ? 401 : text ? 200 : 406, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(authorised ? bytes : new byte[bytes.length]);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
