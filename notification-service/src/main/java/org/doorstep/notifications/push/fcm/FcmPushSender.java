package org.doorstep.notifications.push.fcm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.doorstep.notifications.push.PushMessage;
import org.doorstep.notifications.push.PushSender;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The FCM HTTP v1 adapter: {@code POST {url}/v1/projects/{projectId}/messages:send} with the bearer
 * access token; collapse key and TTL mapped to their Android and APNs forms.
 */
public class FcmPushSender implements PushSender {

    private final WebClient client;
    private final FcmProperties settings;

    public FcmPushSender(WebClient.Builder builder, FcmProperties settings) {
        this.client = builder.baseUrl(settings.url()).build();
        this.settings = settings;
    }

    @Override
    public Mono<Void> send(PushMessage message) {
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("collapse_key", message.collapseKey());
        android.put("ttl", message.timeToLive().toSeconds() + "s");
        Map<String, Object> apns = new LinkedHashMap<>();
        apns.put("headers", Map.of(
                "apns-collapse-id", message.collapseKey(),
                "apns-expiration", Long.toString(java.time.Instant.now().plus(message.timeToLive()).getEpochSecond())));
        if (message.texts() != null) {
            // the device's language: the app's own strings for these keys, the English title and body where it has none
            PushMessage.Texts texts = message.texts();
            Map<String, Object> notification = new LinkedHashMap<>();
            Map<String, Object> alert = new LinkedHashMap<>();
            notification.put("title_loc_key", texts.titleKey());
            alert.put("title", message.title());
            alert.put("title-loc-key", texts.titleKey());
            alert.put("body", message.body());
            if (texts.bodyKey() != null) {
                notification.put("body_loc_key", texts.bodyKey());
                notification.put("body_loc_args", texts.bodyArgs());
                alert.put("loc-key", texts.bodyKey());
                alert.put("loc-args", texts.bodyArgs());
            }
            android.put("notification", notification);
            apns.put("payload", Map.of("aps", Map.of("alert", alert)));
        }
        Map<String, Object> body = Map.of("message", Map.of(
                "token", message.deviceToken(),
                "notification", Map.of("title", message.title(), "body", message.body()),
                "data", message.data(),
                "android", android,
                "apns", apns));
        return client.post().uri("/v1/projects/{project}/messages:send", settings.projectId())
                .headers(h -> h.setBearerAuth(settings.accessToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .timeout(Duration.ofSeconds(10))
                .then();
    }
}
