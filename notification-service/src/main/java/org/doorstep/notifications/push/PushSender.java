package org.doorstep.notifications.push;

import reactor.core.publisher.Mono;

/** Sends a mobile push notification (FCM HTTP v1 adapter). */
public interface PushSender {

    Mono<Void> send(PushMessage message);
}
