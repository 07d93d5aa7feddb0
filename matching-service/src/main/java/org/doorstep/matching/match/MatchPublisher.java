package org.doorstep.matching.match;

import java.util.List;

/** Where match events go; returns only once the event is durably accepted (throws otherwise). */
public interface MatchPublisher {

    void publish(MatchEvent event);

    /** Publishes all, in order; returns only once each is durably accepted (throws otherwise). */
    default void publishAll(List<? extends MatchEvent> events) {
        events.forEach(this::publish);
    }
}
