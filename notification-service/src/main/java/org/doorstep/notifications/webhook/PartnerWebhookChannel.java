package org.doorstep.notifications.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.doorstep.notifications.delivery.PartnerChannel;
import org.doorstep.notifications.delivery.SeekerErasure;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.doorstep.notifications.preferences.Preferences;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues match events for the webhook of the partner that owns the posting, only for seekers who
 * consented to share, and never with reasons that reveal key groups or accommodation needs.
 */
@Component
class PartnerWebhookChannel implements PartnerChannel, SeekerErasure.ErasureParticipant {

    /** Factors that would reveal a key group, priority status or accommodation need, or what the seeker dismissed. */
    static final Set<String> PRIVATE_FACTORS = Set.of("keyGroup", "priority", "accommodation", "accommodations",
            "dismissedSimilar");

    private final WebhookSubscriptions subscriptions;
    private final PartnerDeliveries deliveries;
    private final DeliveryLog deliveryLog;
    private final Clock clock;
    private final JsonMapper json;

    PartnerWebhookChannel(WebhookSubscriptions subscriptions, PartnerDeliveries deliveries, DeliveryLog deliveryLog,
                          Clock clock, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public void found(MatchFound match, Preferences preferences) {
        String partnerId = match.posting().partnerId();
        if (!preferences.shareWithPartners() || subscriptions.find(partnerId).block() == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matchId", match.matchId());
        data.put("seekerId", match.seekerId());
        data.put("postingId", match.postingId());
        data.put("externalId", match.posting().externalId());
        data.put("title", match.posting().title());
        data.put("score", match.score());
        data.put("reasons", shareable(match.reasons()));
        data.put("matchedAt", match.matchedAt());
        deliveries.addToAudience(match.seekerId(), partnerId)
                .then(deliveries.enqueue(new PartnerEvent(partnerId, "found:" + match.matchId() + ":" + match.revision(), "match.found", match.seekerId(),
                        match.matchId(), json.writeValueAsString(data), clock.instant()))).block();
    }

    @Override
    public void withdrawn(MatchWithdrawn withdrawal, Preferences preferences) {
        String partnerId = withdrawal.partnerId();
        if (partnerId == null || !preferences.shareWithPartners() || subscriptions.find(partnerId).block() == null) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("matchId", withdrawal.matchId());
        data.put("seekerId", withdrawal.seekerId());
        data.put("postingId", withdrawal.postingId());
        data.put("reason", withdrawal.reason());
        data.put("withdrawnAt", withdrawal.withdrawnAt());
        deliveries.enqueue(new PartnerEvent(partnerId, "withdrawn:" + withdrawal.matchId() + ":" + withdrawal.withdrawnAt(), "match.withdrawn",
                withdrawal.seekerId(), withdrawal.matchId(), json.writeValueAsString(data), clock.instant())).block();
    }

    static List<MatchFound.Reason> shareable(List<MatchFound.Reason> reasons) {
        return reasons.stream().filter(reason -> !PRIVATE_FACTORS.contains(reason.factor())).toList();
    }

    /**
     * Every partner that was told about the seeker (and still has a webhook) gets one {@code seeker.erased}
     * event, so that it can delete what it holds under that pseudonymous id; everything else queued about the
     * seeker is dropped, and the delivery log forgets the ids of the seeker's events (a match id carries the
     * seeker's id). In an order that a repeated erasure finishes: the notices first (keyed by partner and
     * seeker, so a repeat queues nothing twice), then the log (its ids are read from the events), then the
     * purge, then the audience.
     */
    @Override
    public void erase(String seekerId) {
        List<String> audience = deliveries.audienceOf(seekerId).collectList().block();
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("seekerId", seekerId);
        notice.put("erasedAt", clock.instant());
        String data = json.writeValueAsString(notice);
        for (String partnerId : audience == null ? List.<String>of() : audience) {
            if (subscriptions.find(partnerId).block() != null) {
                deliveries.enqueue(new PartnerEvent(partnerId, "erased:" + seekerId, PartnerEvent.SEEKER_ERASED, seekerId,
                        null, data, clock.instant())).block();
            }
        }
        List<String> events = deliveries.eventIdsOf(seekerId).collectList().block();
        deliveryLog.forgetEvents(events == null ? List.of() : events).block();
        deliveries.purgeSeeker(seekerId).block();
        deliveries.forgetAudience(seekerId).block();
    }

    /**
     * Nothing not yet sent may leave: the seeker's undelivered events are dropped, and their ids (tried and failed,
     * or dead) leave the delivery log first, since a later erasure no longer finds them among the events.
     */
    @Override
    public void consentWithdrawn(String seekerId) {
        List<String> undelivered = deliveries.undeliveredEventIdsOf(seekerId).collectList().block();
        deliveryLog.forgetEvents(undelivered == null ? List.of() : undelivered).block();
        deliveries.dropUndelivered(seekerId).block();
    }
}
