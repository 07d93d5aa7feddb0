package org.doorstep.notifications.inbox;

import java.util.List;

/**
 * Tells every instance about stored feed events, so that a seeker's open stream receives them whichever
 * instance it is connected to. Returns once the events are durably handed over (a failure throws, and
 * the batch that stored them is redelivered, which stores nothing twice and broadcasts again).
 */
public interface FeedBroadcast {

    void publish(List<FeedEvent> events);

    /**
     * Tells every instance that the seeker was erased, so that each ends the seeker's open streams (the erasure
     * marker is stored first: an instance checks it before it ends anything). Returns once handed over.
     */
    void erased(String seekerId);
}
