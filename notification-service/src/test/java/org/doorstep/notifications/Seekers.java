package org.doorstep.notifications;

import java.time.Instant;
import java.util.function.Consumer;

import tools.jackson.databind.node.ObjectNode;

/** Publishes seekers' notification preferences as seekers-service does. */
public final class Seekers {

    private Seekers() {
    }

    /** The contract example for this seeker with no quiet hours, no cap, no digest, minScore 0, as customised. */
    public static void preferences(String seekerId, long version, Consumer<ObjectNode> customise) {
        ObjectNode prefs = Events.example("org.doorstep.seeker.preferences.v1");
        prefs.put("seekerId", seekerId);
        prefs.put("version", version);
        prefs.putNull("quietHours");
        prefs.putNull("maxPerDay");
        prefs.putObject("digest").put("mode", "NONE");
        prefs.put("minScore", 0.0);
        prefs.put("shareWithPartners", false);
        prefs.put("updatedAt", Instant.now().toString());
        customise.accept(prefs);
        Events.send(Events.PREFERENCES, seekerId, "org.doorstep.seeker.preferences.v1", seekerId, prefs);
    }

    public static void erased(String seekerId) {
        ObjectNode erased = Events.example("org.doorstep.seeker.erased.v1");
        erased.put("seekerId", seekerId);
        Events.send(Events.PREFERENCES, seekerId, "org.doorstep.seeker.erased.v1", seekerId, erased);
        Events.send(Events.PREFERENCES, seekerId, null, null, null);
    }
}
