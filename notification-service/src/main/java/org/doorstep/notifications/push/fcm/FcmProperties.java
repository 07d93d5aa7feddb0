package org.doorstep.notifications.push.fcm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * FCM HTTP v1: base URL, project and an OAuth2 access token (in production provided by the platform's
 * workload identity and refreshed outside the service), TTL of a push.
 */
@ConfigurationProperties("doorstep.push.fcm")
public record FcmProperties(boolean enabled, String url, String projectId, String accessToken, Duration ttl) {
}
