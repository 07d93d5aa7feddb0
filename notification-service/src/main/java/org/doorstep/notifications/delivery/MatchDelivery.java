package org.doorstep.notifications.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.FeedSignals;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.inbox.InboxSettings;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.inbox.MatchFound;
import org.doorstep.notifications.inbox.MatchWithdrawn;
import org.doorstep.notifications.preferences.NotificationPolicy;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns match events into inbox items and live notifications. Blocking by design: called from Kafka
 * consumer threads and the scheduler, never from an event loop. Every step is idempotent, so a
 * redelivered event (or a crash half-way) repeats nothing the seeker sees.
 */
@Service
public class MatchDelivery {

    private static final Logger log = LoggerFactory.getLogger(MatchDelivery.class);

    private final InboxStore inbox;
    private final Feed feed;
    private final FeedSignals signals;
    private final PreferencesStore preferences;
    private final List<LiveChannel> channels;
    private final List<PartnerChannel> partners;
    private final SeekerLocks locks;
    private final Clock clock;
    private final InboxSettings settings;
    private final JsonMapper json;
    private final MeterRegistry meters;

    MatchDelivery(InboxStore inbox, Feed feed, FeedSignals signals, PreferencesStore preferences,
                  List<LiveChannel> channels, List<PartnerChannel> partners, SeekerLocks locks, Clock clock,
                  InboxSettings settings, JsonMapper json, MeterRegistry meters) {
        this.meters = meters;
        this.inbox = inbox;
        this.feed = feed;
        this.signals = signals;
        this.preferences = preferences;
        this.channels = channels;
        this.partners = partners;
        this.locks = locks;
        this.clock = clock;
        this.settings = settings;
        this.json = json;
    }

    public void found(MatchFound match) {
        locks.run(match.seekerId(), () -> {
            Instant now = clock.instant();
            Preferences prefs = preferences.find(match.seekerId()).block();
            if (prefs.isErased()) {
                count("erased_seeker");
                return;
            }
            InboxItem stored = inbox.addIfAbsent(new InboxItem(match, now, now.plus(settings.itemTtl()),
                    Delivery.PENDING, null, null)).block();
            if (stored.delivery() == Delivery.PENDING) {
                notify(stored, prefs, now);
            } else {
                inbox.refresh(match).block();
                count("repeat");
            }
            partners.forEach(partner -> partner.found(match, prefs));
        });
    }

    public void withdrawn(MatchWithdrawn withdrawal) {
        locks.run(withdrawal.seekerId(), () -> {
            Instant now = clock.instant();
            InboxItem item = inbox.find(withdrawal.seekerId(), withdrawal.matchId(), Instant.EPOCH).block();
            if (item != null && (item.delivery() == Delivery.LIVE || item.delivery() == Delivery.DIGESTED)
                    && item.expiresAt().isAfter(now)) {
                append(withdrawal.seekerId(), "withdrawn:" + withdrawal.matchId(), FeedEvent.MATCH_WITHDRAWN,
                        withdrawal.matchId(), json.writeValueAsString(withdrawal));
            }
            inbox.remove(withdrawal.seekerId(), withdrawal.matchId()).block();
            Preferences prefs = preferences.find(withdrawal.seekerId()).block();
            partners.forEach(partner -> partner.withdrawn(withdrawal, prefs));
        });
    }

    /** Releases items whose quiet hours ended (subject to the daily cap). Returns how many were handled. */
    public int releaseHeld() {
        Instant now = clock.instant();
        List<InboxItem> due = inbox.heldUntil(now, 500).collectList().block();
        for (InboxItem held : due) {
            locks.run(held.seekerId(), () -> {
                InboxItem current = inbox.find(held.seekerId(), held.matchId(), now).block();
                if (current != null && current.delivery() == Delivery.HELD) {
                    notify(current, preferences.find(held.seekerId()).block(), now);
                }
            });
        }
        return due.size();
    }

    /** Sends each daily digest whose time has come. Returns how many digests were sent. */
    public int sendDueDigests() {
        Instant now = clock.instant();
        int sent = 0;
        for (Preferences prefs : preferences.withDailyDigest().collectList().block()) {
            Instant slot = NotificationPolicy.lastDigestSlot(prefs, now);
            if (slot == null || !Boolean.TRUE.equals(preferences.claimDigest(prefs.seekerId(), slot).block())) {
                continue;
            }
            if (locks.with(prefs.seekerId(), () -> digest(prefs, slot))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean digest(Preferences prefs, Instant slot) {
        List<InboxItem> waiting = inbox.waitingForDigest(prefs.seekerId()).collectList().block();
        if (waiting.isEmpty()) {
            return false;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seekerId", prefs.seekerId());
        summary.put("digestAt", slot.toString());
        summary.put("count", waiting.size());
        summary.put("matches", waiting.stream().map(InboxItem::match).toList());
        FeedEvent event = append(prefs.seekerId(), "digest:" + slot, FeedEvent.DIGEST, null,
                json.writeValueAsString(summary));
        waiting.forEach(item -> inbox.markDelivery(item.matchId(), Delivery.DIGESTED, null).block());
        channels.forEach(channel -> channel.digest(prefs, event, waiting.size()));
        return true;
    }

    private void notify(InboxItem item, Preferences prefs, Instant now) {
        String day = NotificationPolicy.day(prefs, now).toString();
        boolean capped = prefs.maxPerDay() != null;
        long pushedToday = capped ? preferences.pushesOn(item.seekerId(), day).block() : 0;
        switch (NotificationPolicy.decide(prefs, item.match().score(), now, pushedToday)) {
            case NotificationPolicy.PushNow push -> {
                FeedEvent event = append(item.seekerId(), "found:" + item.matchId(), FeedEvent.MATCH_FOUND,
                        item.matchId(), json.writeValueAsString(item.match()));
                if (capped) {
                    preferences.countPush(item.seekerId(), day).block();
                }
                channels.forEach(channel -> channel.found(prefs, item.match(), event));
                inbox.markDelivery(item.matchId(), Delivery.LIVE, null).block();
                count("live");
            }
            case NotificationPolicy.HoldUntil hold -> {
                inbox.markDelivery(item.matchId(), Delivery.HELD, hold.until()).block();
                count("held");
            }
            case NotificationPolicy.WaitForDigest digest -> {
                inbox.markDelivery(item.matchId(), Delivery.DIGEST, null).block();
                count("digest");
            }
            case NotificationPolicy.InboxOnly only -> {
                log.debug("match {} kept in the inbox only: {}", item.matchId(), only.why());
                inbox.markDelivery(item.matchId(), Delivery.INBOX_ONLY, null).block();
                count("inbox_only");
            }
        }
    }

    private void count(String outcome) {
        meters.counter("doorstep.notifications.matches", "outcome", outcome).increment();
    }

    private FeedEvent append(String seekerId, String key, String type, String matchId, String data) {
        FeedEvent event = feed.append(seekerId, key, type, matchId, data).block();
        signals.appended(seekerId);
        return event;
    }
}
