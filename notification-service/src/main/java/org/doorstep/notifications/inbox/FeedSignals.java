package org.doorstep.notifications.inbox;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wakes this instance's open streams when a seeker's feed grew. Only a hint: streams always read the
 * feed itself (and poll it too), so a lost signal delays an event, never loses it.
 */
@Component
public class FeedSignals {

    private final Sinks.Many<String> appended = Sinks.many().multicast().directBestEffort();

    public void appended(String seekerId) {
        synchronized (appended) {
            appended.tryEmitNext(seekerId);
        }
    }

    public Flux<String> of(String seekerId) {
        return appended.asFlux().filter(seekerId::equals);
    }
}
