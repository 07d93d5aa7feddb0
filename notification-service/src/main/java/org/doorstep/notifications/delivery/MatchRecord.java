package org.doorstep.notifications.delivery;

import org.doorstep.notifications.match.MatchEvent;

/**
 * A match event with where it sits in doorstep.matches.v1 (a seeker's events are all on one partition);
 * {@code json} is the record's data as it came (the JSON the event was read from), or null. A match.found's
 * JSON is what the seeker's stream and inbox carry, passed on as it came instead of written again from the
 * parsed event (writing it again cost notification-service a tenth of its CPU at load).
 */
public record MatchRecord(int partition, long offset, MatchEvent event, String json) {

    public MatchRecord(int partition, long offset, MatchEvent event) {
        this(partition, offset, event, null);
    }
}
