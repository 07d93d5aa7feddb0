package org.doorstep.notifications.delivery;

import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.doorstep.notifications.preferences.Preferences;

/** Forwards match events to partners (webhooks). Idempotent per match event. */
public interface PartnerChannel {

    void found(MatchFound match, Preferences preferences);

    void withdrawn(MatchWithdrawn withdrawal, Preferences preferences);
}
