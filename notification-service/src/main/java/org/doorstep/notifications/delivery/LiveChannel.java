package org.doorstep.notifications.delivery;

import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.preferences.Preferences;

/** A live channel beyond the stream (mobile push). Must not block for long and must not throw. */
public interface LiveChannel {

    void found(Preferences preferences, MatchFound match, FeedEvent event);

    void digest(Preferences preferences, FeedEvent event, int count);
}
