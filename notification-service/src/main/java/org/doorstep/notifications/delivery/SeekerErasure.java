package org.doorstep.notifications.delivery;

import java.util.List;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedBroadcast;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.inbox.LiveFeed;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.springframework.stereotype.Service;

/**
 * Forgets an erased seeker: inbox, feed, preferences and whatever else holds their data here; then ends the
 * seeker's open streams on every instance.
 */
@Service
public class SeekerErasure {

    private final InboxStore inbox;
    private final Feed feed;
    private final PreferencesStore preferences;
    private final List<ErasureParticipant> participants;
    private final SeekerLocks locks;
    private final PendingDeliveries pending;
    private final DueDeliveries due;
    private final LiveFeed live;
    private final FeedBroadcast broadcast;

    SeekerErasure(InboxStore inbox, Feed feed, PreferencesStore preferences, List<ErasureParticipant> participants,
                  SeekerLocks locks, PendingDeliveries pending, DueDeliveries due, LiveFeed live, FeedBroadcast broadcast) {
        this.live = live;
        this.broadcast = broadcast;
        this.pending = pending;
        this.due = due;
        this.inbox = inbox;
        this.feed = feed;
        this.preferences = preferences;
        this.participants = participants;
        this.locks = locks;
    }

    public void erase(String seekerId) {
        locks.run(seekerId, () -> {
            inbox.purge(seekerId).block();
            feed.purge(seekerId).block();
            preferences.purge(seekerId).block();
            pending.purge(seekerId).block();
            due.forgetSeeker(seekerId);
            participants.forEach(participant -> participant.erase(seekerId));
        });
        // the erasure marker is stored: the seeker's open streams end here and, through the broadcast, everywhere
        live.end(seekerId);
        broadcast.erased(seekerId);
    }

    /** Consent to share with partners was withdrawn: nothing not yet sent may leave any more. */
    public void consentWithdrawn(String seekerId) {
        participants.forEach(participant -> participant.consentWithdrawn(seekerId));
    }

    /** Another feature holding per-seeker data. */
    public interface ErasureParticipant {
        void erase(String seekerId);

        default void consentWithdrawn(String seekerId) {
        }
    }
}
