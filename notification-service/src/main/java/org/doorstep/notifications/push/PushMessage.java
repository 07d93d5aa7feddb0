package org.doorstep.notifications.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One mobile notification: to a device token, with a collapse key (a newer message with the same key
 * replaces an undelivered older one) and a time to live (dropped when the device stays offline longer).
 * {@code title} and {@code body} are English; {@code texts}, when there are any, name the same texts as the app's
 * localisation keys, so that the device shows them in its own language (a push has no request, and so no
 * {@code Accept-Language}, to choose one from).
 */
public record PushMessage(String deviceToken, String title, String body, Map<String, String> data,
                          String collapseKey, Duration timeToLive, Texts texts) {

    public PushMessage(String deviceToken, String title, String body, Map<String, String> data, String collapseKey,
                       Duration timeToLive) {
        this(deviceToken, title, body, data, collapseKey, timeToLive, null);
    }

    /**
     * The localisation keys of a push's texts in the app (Android string resources, iOS Localizable.strings): the
     * title's key, the body's key (null when the body is not the platform's text, such as a posting's title) and the
     * body's arguments.
     */
    public record Texts(String titleKey, String bodyKey, List<String> bodyArgs) {

        public Texts {
            bodyArgs = bodyArgs == null ? List.of() : List.copyOf(bodyArgs);
        }
    }
}
