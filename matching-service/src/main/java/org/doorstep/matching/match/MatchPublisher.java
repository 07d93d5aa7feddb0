package org.doorstep.matching.match;

/** Where match events go; returns only once the event is durably accepted (throws otherwise). */
public interface MatchPublisher {

    void publish(MatchEvent event);
}
