package org.doorstep.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's HTTP client: JSON requests with a bearer token, sent asynchronously. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    CompletableFuture<Reply> send(String method, String url, String bearer, String jsonBody) {
        return send(method, url, bearer, jsonBody, "application/json");
    }

    /** The same, accepting {@code accept} (a metrics endpoint answers text only). */
    CompletableFuture<Reply> send(String method, String url, String bearer, String jsonBody, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", accept).header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response.body()));
    }

    Reply sendAndWait(String method, String url, String bearer, String jsonBody) {
        return send(method, url, bearer, jsonBody).join();
    }

    HttpClient client() {
        return client;
    }
}
