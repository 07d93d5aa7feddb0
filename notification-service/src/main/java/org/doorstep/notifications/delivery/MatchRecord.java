package org.doorstep.notifications.delivery;

import org.doorstep.notifications.inbox.MatchEvent;

/** A match event with where it sits in doorstep.matches.v1 (a seeker's events are all on one partition). */
public record MatchRecord(int partition, long offset, MatchEvent event) {
}
