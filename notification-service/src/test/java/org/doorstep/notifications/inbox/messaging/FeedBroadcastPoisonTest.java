package org.doorstep.notifications.inbox.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bad records on notification-service's own broadcast topic ({@code doorstep.notification-feed.v1}), as another
 * instance would send them (no header of this instance), keyed by seekers whose streams are open here: not JSON, an
 * event with a number far above any stored one and content never stored, an event of another seeker under this
 * seeker's key, a type no stream sends, no seekerId. None reaches a stream, and the real matches after them still do
 * (a forged number must not move a stream's position past them).
 */
@NotificationServiceTest
class FeedBroadcastPoisonTest {

    @LocalServerPort
    int port;

    @Value("${doorstep.stream.broadcast-topic}")
    String topic;

    @Test
    void aBroadcastRecordThatIsNotWhatItClaimsReachesNoStreamAndLiveDeliveryGoesOn() {
        String seeker = Events.id();
        String other = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker));
             SseClient otherDevice = SseClient.connect(port, Tokens.seeker(other))) {
            found(seeker, "before");
            await().atMost(Duration.ofSeconds(20)).until(() -> device.matchIdsOf("match.found").size() == 1);

            long far = Long.MAX_VALUE / 4;
            poison(seeker, "not json {");
            poison(seeker, wire(seeker, far, "match.found", "m-forged"));
            poison(seeker, wire(other, far, "match.found", "m-forged-other"));
            poison(seeker, wire(seeker, far + 1, "account.deleted", "m-forged-type"));
            poison(seeker, "{\"seekerId\": null, \"sequence\": " + (far + 2) + ", \"type\": \"match.found\", \"matchId\": \"m-forged-null\","
                    + " \"data\": \"{}\", \"atMillis\": 0}");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> device.events().size() == 1 && otherDevice.events().isEmpty());

            found(seeker, "after");
            found(other, "after-other");
            await().atMost(Duration.ofSeconds(20)).until(() -> device.matchIdsOf("match.found").size() >= 2
                    && !otherDevice.matchIdsOf("match.found").isEmpty());
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-before-" + seeker, "m-after-" + seeker);
            assertThat(otherDevice.matchIdsOf("match.found")).containsExactly("m-after-other-" + other);
            assertThat(device.events()).noneMatch(e -> e.data().contains("forged"));
        }
    }

    private static void found(String seeker, String posting) {
        Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m-" + posting + "-" + seeker,
                Events.matchFound(seeker, posting, "partner-" + seeker, 0.8));
    }

    private static String wire(String seekerId, long sequence, String type, String matchId) {
        return "{\"seekerId\": \"" + seekerId + "\", \"sequence\": " + sequence + ", \"type\": \"" + type + "\", \"matchId\": \""
                + matchId + "\", \"data\": \"{\\\"matchId\\\": \\\"" + matchId + "\\\"}\", \"atMillis\": 1764057600000}";
    }

    private void poison(String key, String value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
        record.headers().add(KafkaFeedBroadcast.INSTANCE_HEADER, "another-instance".getBytes(StandardCharsets.UTF_8));
        Events.send(record);
    }
}
