package org.doorstep.notifications.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.Partners;
import org.doorstep.notifications.Receiver;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/** Partners with a registered webhook on a local receiver, consenting seekers, and reading what arrived. */
final class WebhookFixture {

    private final int port;
    private final PreferencesStore preferences;

    WebhookFixture(int port, PreferencesStore preferences) {
        this.port = port;
        this.preferences = preferences;
    }

    record RegisteredPartner(String partnerId, String key, String secret, String url) {
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    /** A partner known from doorstep.partners.v1 whose webhook points at the receiver. */
    RegisteredPartner partnerWith(Receiver receiver) {
        String partnerId = "partner-" + Events.id();
        String key = Partners.register(partnerId);
        String url = receiver.url("/hook");
        List<JsonNode> answer = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var result = client().put().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(key))
                    .bodyValue(Map.of("url", url)).exchange().returnResult(byte[].class);
            if (result.getStatus().value() != 200) {
                return false;
            }
            answer.add(Events.JSON.readTree(result.getResponseBodyContent()));
            return true;
        });
        return new RegisteredPartner(partnerId, key, answer.get(0).get("signingSecret").asString(), url);
    }

    String consentingSeeker(boolean share) {
        String seeker = Events.id();
        Seekers.preferences(seeker, 1, p -> p.put("shareWithPartners", share));
        await().atMost(Duration.ofSeconds(20)).until(() -> preferences.find(seeker).block().version() == 1);
        return seeker;
    }

    static String match(String seeker, String posting, String partnerId) {
        var match = Events.matchFound(seeker, posting, partnerId, 0.8);
        Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", match);
        return "found:m-" + posting + "-" + seeker + ":1";
    }

    /** Event ids of the batches the receiver accepted (2xx), in arrival order, repeats included. */
    static List<String> acceptedEventIds(Receiver receiver) {
        List<String> ids = new ArrayList<>();
        receiver.accepted().forEach(request -> Events.JSON.readTree(request.body()).get("events").valueStream()
                .forEach(event -> ids.add(event.get("id").asString())));
        return ids;
    }

    JsonNode get(String path, String key) {
        byte[] body = client().get().uri(path).headers(h -> h.setBearerAuth(key)).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Events.JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }
}
