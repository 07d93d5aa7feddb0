package org.doorstep.notifications.push;

import java.time.Duration;
import java.util.Map;

/**
 * One mobile notification: to a device token, with a collapse key (a newer message with the same key
 * replaces an undelivered older one) and a time to live (dropped when the device stays offline longer).
 */
public record PushMessage(String deviceToken, String title, String body, Map<String, String> data,
                          String collapseKey, Duration timeToLive) {
}
