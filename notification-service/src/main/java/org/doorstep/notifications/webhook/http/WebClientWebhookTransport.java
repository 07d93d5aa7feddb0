package org.doorstep.notifications.webhook.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.doorstep.notifications.webhook.WebhookTransport;
import org.doorstep.notifications.webhook.WebhookUrlGuard;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Non-blocking POST with a per-call timeout; redirects are not followed (a redirect could bypass the SSRF guard),
 * and a host name is resolved only to addresses the guard permits, at connection time.
 */
@Component
class WebClientWebhookTransport implements WebhookTransport {

    private final WebClient client;

    WebClientWebhookTransport(WebhookUrlGuard guard) {
        HttpClient http = HttpClient.create()
                .resolver(new PermittedAddressResolverGroup(guard::permits))
                .followRedirect(false);
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    @Override
    public Mono<Integer> post(URI url, Map<String, String> headers, String body, Duration timeout) {
        return client.post().uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::set))
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(timeout)
                .onErrorMap(TimeoutException.class, e -> new DeliveryFailed(null, true, "no answer within " + timeout))
                .onErrorMap(WebClientRequestException.class, e -> new DeliveryFailed(null, true,
                        "cannot reach the endpoint: " + e.getMostSpecificCause().getClass().getSimpleName()))
                .flatMap(status -> status >= 200 && status < 300 ? Mono.just(status)
                        : Mono.error(new DeliveryFailed(status, status >= 500 || status == 408 || status == 429,
                                "answered " + status)));
    }
}
