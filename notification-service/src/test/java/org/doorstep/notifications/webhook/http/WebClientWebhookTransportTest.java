package org.doorstep.notifications.webhook.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.doorstep.notifications.Receiver;
import org.doorstep.notifications.webhook.WebhookTransport;
import org.doorstep.notifications.webhook.WebhookUrlGuard;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery's own connection resolves names through the guard: a name that resolves to an address the guard
 * refuses is never connected to, whatever was checked before (DNS rebinding). {@code localhost} stands in for a
 * name whose answer became an inside address; the receiver listens there.
 */
class WebClientWebhookTransportTest {

    @Test
    void neverConnectsToANameThatResolvesToAnAddressTheGuardRefuses() {
        try (Receiver receiver = new Receiver()) {
            WebClientWebhookTransport production = new WebClientWebhookTransport(new WebhookUrlGuard(false, false));

            StepVerifier.create(production.post(URI.create("http://localhost:" + receiver.port() + "/hook"), Map.of(),
                            "{}", Duration.ofSeconds(10)))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(WebhookTransport.DeliveryFailed.class)
                            .hasMessageContaining("cannot reach the endpoint"))
                    .verify(Duration.ofSeconds(20));
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void connectsToLoopbackWhereTheLocalProfileAllowsIt() {
        try (Receiver receiver = new Receiver()) {
            WebClientWebhookTransport local = new WebClientWebhookTransport(new WebhookUrlGuard(true, true));

            StepVerifier.create(local.post(URI.create("http://localhost:" + receiver.port() + "/hook"), Map.of(), "{}",
                            Duration.ofSeconds(10)))
                    .expectNext(200)
                    .verifyComplete();
            assertThat(receiver.requests()).hasSize(1);
        }
    }
}
