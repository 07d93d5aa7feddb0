package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.doorstep.notifications.inbox.Delivery;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxChange;
import org.doorstep.notifications.inbox.InboxItem;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.operator.OperatorEvent;
import org.doorstep.notifications.match.MatchWithdrawn;
import org.doorstep.notifications.preferences.NotificationPolicy;
import org.doorstep.notifications.preferences.Preferences;
import org.doorstep.notifications.preferences.PreferencesStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decisions of one batch (of records, or of a job), taken in memory on what the batch read, in
 * record order; the result is what {@link DeliveryWrites} writes. Not thread-safe: one per batch.
 */
final class DeliveryBatch {

    private final JsonMapper json;
    private final Instant now;
    private final Duration itemTtl;
    private final Map<String, Preferences> preferences;
    private final Map<String, InboxItem> items;
    private final Set<String> changedItems = new LinkedHashSet<>();
    /** Items this batch creates: listed for the seeker's inbox pages before they are written. */
    private final Set<String> createdItems = new HashSet<>();
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, Long> changedCounts = new LinkedHashMap<>();
    private final List<FeedEvent> feedEvents = new ArrayList<>();
    private final Map<FeedEvent.Key, FeedEvent> stored = new HashMap<>();
    private final Map<MatchFound, String> matchJson = new IdentityHashMap<>();
    private final Map<String, Pending> waiting = new LinkedHashMap<>();
    private final Map<String, Integer> settled = new LinkedHashMap<>();
    private final List<LiveNotice> liveNotices = new ArrayList<>();
    private final List<PartnerNotice> partnerNotices = new ArrayList<>();
    private final List<PostingClosures.Change> closures = new ArrayList<>();
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();
    private final List<OperatorEvent> decisions = new ArrayList<>();

    DeliveryBatch(JsonMapper json, Instant now, Duration itemTtl, Map<String, Preferences> preferences,
                  Map<String, InboxItem> stored) {
        this.json = json;
        this.now = now;
        this.itemTtl = itemTtl;
        this.preferences = preferences;
        this.items = new HashMap<>(stored);
    }

    /** The push-count keys (seeker and their current day) the batch may need. */
    Set<String> dayKeys(Collection<String> seekers) {
        Set<String> keys = new LinkedHashSet<>();
        for (String seekerId : seekers) {
            Preferences prefs = prefs(seekerId);
            if (prefs.maxPerDay() != null) {
                keys.add(dayKey(prefs));
            }
        }
        return keys;
    }

    void loadCounts(Map<String, Long> stored) {
        counts.putAll(stored);
    }

    Instant now() {
        return now;
    }

    Preferences prefs(String seekerId) {
        return preferences.getOrDefault(seekerId, Preferences.defaults(seekerId));
    }

    /** A match.found record; {@code json} is its data as it came (the match as the stream and inbox carry it), or null. */
    void found(MatchFound match, String json, int partition, long sequence) {
        if (json != null) {
            matchJson.put(match, json);
        }
        Preferences prefs = prefs(match.seekerId());
        if (prefs.isErased()) {
            count("erased_seeker");
            return;
        }
        if (match.revision() > 1) {
            // told again (found after a withdrawal, or re-told): its posting is open, whatever it was before; given
            // for every such record, so that a redelivery after a crash still writes it
            closures.add(new PostingClosures.Change(match.matchId(), null));
        }
        InboxItem existing = items.get(match.matchId());
        if (existing != null && existing.delivery() != Delivery.PENDING) {
            if (match.revision() > existing.match().revision()) {
                retold(existing.with(match), sequence);
            } else {
                if (existing.carries(sequence)) {
                    // this record's event is stored; whether the streams got it before the crash is unknown
                    again(carried(existing, sequence));
                }
                count("repeat");
            }
        } else {
            InboxItem item = existing != null ? existing.with(match)
                    : new InboxItem(match, now, now.plus(itemTtl), Delivery.PENDING, null, null);
            if (existing == null) {
                createdItems.add(match.matchId());
            }
            decide(item, prefs, partition, sequence);
        }
        partnerNotices.add(new PartnerNotice(match, null, prefs));
    }

    /**
     * A newer revision of a match the seeker has (the partner changed what it shows, or its score moved): the
     * inbox shows it; if it was pushed live, the open streams get it as a match.found with this record's number,
     * which the item carries from now on (a reconnect replays the newer revision once, under the newer number).
     * No mobile push and no count against the daily cap: it is news about a match already told, not a new one.
     */
    private void retold(InboxItem newer, long sequence) {
        if (newer.delivery() == Delivery.LIVE && newer.expiresAt().isAfter(now)) {
            InboxItem carrying = newer.carrying(sequence);
            put(carrying);
            feedEvents.add(carried(carrying, sequence));
            count("retold");
        } else {
            put(newer);
        }
    }

    /** Withdrawal events stored before a crash by this batch's records, whose items are gone since. */
    void loadStored(Map<FeedEvent.Key, FeedEvent> events) {
        stored.putAll(events);
    }

    void withdrawn(MatchWithdrawn withdrawal, int partition, long sequence) {
        InboxItem item = items.get(withdrawal.matchId());
        FeedEvent storedBefore = stored.get(new FeedEvent.Key(withdrawal.seekerId(), sequence));
        if (item == null && storedBefore != null && FeedEvent.MATCH_WITHDRAWN.equals(storedBefore.type())) {
            // this record's event and the deletion were written; whether the streams got the event is unknown
            again(storedBefore);
        }
        if (item != null && item.seekerId().equals(withdrawal.seekerId())) {
            // an erased seeker has no stream to tell (their token is refused): the item goes, no event names them
            if (!prefs(withdrawal.seekerId()).isErased()
                    && (item.delivery() == Delivery.LIVE || item.delivery() == Delivery.DIGESTED) && item.expiresAt().isAfter(now)) {
                feedEvents.add(new FeedEvent(withdrawal.seekerId(), sequence, FeedEvent.MATCH_WITHDRAWN,
                        withdrawal.matchId(), json.writeValueAsString(withdrawal), now));
            }
            items.put(withdrawal.matchId(), null);
            changedItems.add(withdrawal.matchId());
            waiting.remove(withdrawal.matchId());
            settled.put(withdrawal.matchId(), partition);
            count("withdrawn");
            decided(item.match(), "withdrawn");
        }
        partnerNotices.add(new PartnerNotice(null, withdrawal, prefs(withdrawal.seekerId())));
        if (PostingClosures.REASON.equals(withdrawal.reason())) {
            closures.add(new PostingClosures.Change(withdrawal.matchId(), closedAt(withdrawal)));
        }
    }

    /** When matching withdrew the match (the same on a redelivery), else this batch's time. */
    private Instant closedAt(MatchWithdrawn withdrawal) {
        try {
            return withdrawal.withdrawnAt() == null ? now : Instant.parse(withdrawal.withdrawnAt());
        } catch (java.time.format.DateTimeParseException e) {
            return now;
        }
    }

    /** A held delivery whose quiet hours ended: decided again, with the sequence reserved for it. */
    void release(Pending held, long sequence) {
        InboxItem item = items.get(held.matchId());
        Preferences prefs = prefs(held.seekerId());
        if (item == null || item.delivery() != Delivery.HELD || prefs.isErased() || !item.expiresAt().isAfter(now)) {
            settled.put(held.matchId(), held.partition());
            return;
        }
        decide(item, prefs, held.partition(), sequence);
    }

    /**
     * A release whose event was stored before a crash (its inbox item carries it, or the previous version
     * stored it as a feed entry): completes it without a second event, and hands the stored one to the
     * streams again, since they may not have received it.
     */
    void releasedBefore(Pending held) {
        InboxItem item = items.get(held.matchId());
        if (item != null && (item.delivery() == Delivery.HELD || item.carries(held.sequence()))) {
            InboxItem live = item.with(Delivery.LIVE, null).carrying(held.sequence());
            if (!live.equals(item)) {
                put(live);
            }
            again(carried(live, held.sequence()));
        }
        settled.put(held.matchId(), held.partition());
    }

    /**
     * One digest event with these waiting matches (those still waiting in the inbox); {@code stored} is the
     * digest event stored for them before a crash (handed to the streams again, not written twice), or null.
     */
    void digest(Preferences prefs, List<Pending> due, Instant slot, long sequence, FeedEvent stored) {
        List<InboxItem> included = due.stream().map(p -> items.get(p.matchId()))
                .filter(item -> item != null && item.delivery() == Delivery.DIGEST).toList();
        due.forEach(p -> settled.put(p.matchId(), p.partition()));
        included.forEach(item -> put(item.with(Delivery.DIGESTED, null)));
        if (stored != null) {
            again(stored);
            return;
        }
        if (included.isEmpty()) {
            return;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seekerId", prefs.seekerId());
        summary.put("digestAt", slot.toString());
        summary.put("count", included.size());
        summary.put("matches", included.stream().map(InboxItem::match).toList());
        FeedEvent event = new FeedEvent(prefs.seekerId(), sequence, FeedEvent.DIGEST, null,
                json.writeValueAsString(summary), now);
        feedEvents.add(event);
        liveNotices.add(new LiveNotice(prefs, null, event, included.size()));
        count("digested", included.size());
    }

    private void decide(InboxItem item, Preferences prefs, int partition, long sequence) {
        String key = dayKey(prefs);
        long pushedToday = prefs.maxPerDay() == null ? 0 : counts.getOrDefault(key, 0L);
        switch (NotificationPolicy.decide(prefs, item.match().score(), now, pushedToday)) {
            case NotificationPolicy.PushNow push -> {
                FeedEvent event = carried(item, sequence);
                feedEvents.add(event);
                if (prefs.maxPerDay() != null) {
                    counts.put(key, pushedToday + 1);
                    changedCounts.put(key, pushedToday + 1);
                }
                put(item.with(Delivery.LIVE, null).carrying(sequence));
                liveNotices.add(new LiveNotice(prefs, item.match(), event, 1));
                settle(item, partition);
                count("live");
                decided(item.match(), "live");
            }
            case NotificationPolicy.HoldUntil hold -> {
                put(item.with(Delivery.HELD, hold.until()));
                wait(new Pending(item.matchId(), item.seekerId(), partition, Pending.Kind.HELD, hold.until(),
                        item.receivedAt(), null));
                count("held");
                decided(item.match(), "held");
            }
            case NotificationPolicy.WaitForDigest digest -> {
                put(item.with(Delivery.DIGEST, null));
                wait(new Pending(item.matchId(), item.seekerId(), partition, Pending.Kind.DIGEST, null, now, null));
                count("digest");
                decided(item.match(), "digest");
            }
            case NotificationPolicy.InboxOnly only -> {
                put(item.with(Delivery.INBOX_ONLY, null));
                settle(item, partition);
                count("inbox_only");
                decided(item.match(), "inbox_only");
            }
        }
    }

    /** The match.found event the item carries as {@code sequence}: its data is the match JSON the inbox stores. */
    private FeedEvent carried(InboxItem item, long sequence) {
        return new FeedEvent(item.seekerId(), sequence, FeedEvent.MATCH_FOUND, item.matchId(), jsonOf(item.match()), now);
    }

    /**
     * The match as JSON: as its record brought it, else serialized once per batch; the event's data and the inbox
     * item's text are the same string.
     */
    private String jsonOf(MatchFound match) {
        String text = matchJson.get(match);
        if (text == null) {
            text = json.writeValueAsString(match);
            matchJson.put(match, text);
        }
        return text;
    }

    /** An event stored before a crash: listed again and handed to the streams again, with no other effect. */
    private void again(FeedEvent event) {
        feedEvents.add(event);
        count("republished");
    }

    private void wait(Pending pending) {
        waiting.put(pending.matchId(), pending);
        settled.remove(pending.matchId());
    }

    private void settle(InboxItem item, int partition) {
        if (waiting.remove(item.matchId()) != null || item.delivery() == Delivery.HELD || item.delivery() == Delivery.DIGEST) {
            settled.put(item.matchId(), partition);
        }
    }

    private void put(InboxItem item) {
        items.put(item.matchId(), item);
        changedItems.add(item.matchId());
    }

    private String dayKey(Preferences prefs) {
        return PreferencesStore.dayKey(prefs.seekerId(), NotificationPolicy.day(prefs, now).toString());
    }

    /** What operators see of a decision: the match and the job, nothing about the seeker. */
    private void decided(MatchFound match, String outcome) {
        MatchFound.Location location = match.posting().location();
        decisions.add(new OperatorEvent(OperatorEvent.reference(match.matchId()), match.postingId(),
                match.posting().partnerId(), match.score(), outcome, location == null ? null : location.regionCode(),
                match.campaignCodes(), now));
    }

    /** The decisions of this batch for the operators' live feed, in the order they were taken. */
    List<OperatorEvent> decisions() {
        return decisions;
    }

    private void count(String outcome) {
        count(outcome, 1);
    }

    private void count(String outcome, int n) {
        outcomes.merge(outcome, n, Integer::sum);
    }

    List<InboxChange> inboxChanges() {
        List<InboxChange> changes = new ArrayList<>(changedItems.size());
        for (String matchId : changedItems) {
            InboxItem item = items.get(matchId);
            changes.add(item == null ? new InboxChange.Remove(matchId)
                    : new InboxChange.Put(item, matchJson.get(item.match()), createdItems.contains(matchId)));
        }
        return changes;
    }

    /** The items this batch creates and writes (a created item withdrawn in the same batch is not among them). */
    List<InboxItem> createdItems() {
        List<InboxItem> created = new ArrayList<>();
        for (String matchId : changedItems) {
            InboxItem item = items.get(matchId);
            if (item != null && createdItems.contains(matchId)) {
                created.add(item);
            }
        }
        return created;
    }

    /**
     * The events to store (those already stored are written again idempotently) and then push to the
     * streams, in the order they happened: per seeker, in increasing sequence.
     */
    List<FeedEvent> feedEvents() {
        return feedEvents;
    }

    Collection<Pending> waiting() {
        return waiting.values();
    }

    /** Match ids that no longer wait, by partition. */
    Map<String, Integer> settled() {
        return settled;
    }

    Map<String, Long> changedCounts() {
        return changedCounts;
    }

    List<LiveNotice> liveNotices() {
        return liveNotices;
    }

    List<PartnerNotice> partnerNotices() {
        return partnerNotices;
    }

    /**
     * Every withdrawal of the batch because its posting closed, whether or not the inbox held the match, and every match
     * found again, in record order.
     */
    List<PostingClosures.Change> closures() {
        return closures;
    }

    Map<String, Integer> outcomes() {
        return outcomes;
    }

    /** A live delivery for the other live channels (mobile push): a match, or a digest of {@code count}. */
    record LiveNotice(Preferences preferences, MatchFound match, FeedEvent event, int count) {
    }

    /** A match event for the partner channels: exactly one of found and withdrawn is set. */
    record PartnerNotice(MatchFound found, MatchWithdrawn withdrawn, Preferences preferences) {
    }
}
