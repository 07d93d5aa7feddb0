package org.doorstep.notifications.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.delivery.LiveChannel;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.match.MatchFound;
import org.doorstep.notifications.preferences.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Live pushes to the seeker's device when they chose the PUSH channel and registered a token. Best
 * effort: the inbox and stream stay the source of truth; a failed push is logged, not retried.
 */
@Component
class MobilePushChannel implements LiveChannel {

    private static final Logger log = LoggerFactory.getLogger(MobilePushChannel.class);

    /** The apps' localisation keys of the push texts (README, "Push texts"): the device shows them in its language. */
    static final String MATCH_TITLE = "doorstep_push_match_title";
    static final String DIGEST_TITLE = "doorstep_push_digest_title";
    static final String DIGEST_BODY = "doorstep_push_digest_body";

    private final ObjectProvider<PushSender> sender;
    private final Duration timeToLive;

    MobilePushChannel(ObjectProvider<PushSender> sender, @Value("${doorstep.push.fcm.ttl:PT24H}") Duration timeToLive) {
        this.sender = sender;
        this.timeToLive = timeToLive;
    }

    @Override
    public void found(Preferences preferences, MatchFound match, FeedEvent event) {
        if (!preferences.wantsPush()) {
            return;
        }
        send(new PushMessage(preferences.pushToken(), "New job match", match.posting().title(),
                Map.of("type", event.type(), "matchId", match.matchId(), "eventId", Long.toString(event.sequence())),
                "match-" + match.matchId(), timeToLive, new PushMessage.Texts(MATCH_TITLE, null, null)));
    }

    @Override
    public void digest(Preferences preferences, FeedEvent event, int count) {
        if (!preferences.wantsPush()) {
            return;
        }
        send(new PushMessage(preferences.pushToken(), "Your daily job matches", count + " new matches",
                Map.of("type", event.type(), "eventId", Long.toString(event.sequence())), "digest", timeToLive,
                new PushMessage.Texts(DIGEST_TITLE, DIGEST_BODY, List.of(Integer.toString(count)))));
    }

    private void send(PushMessage message) {
        sender.ifAvailable(push -> push.send(message)
                .subscribe(null, e -> log.warn("push notification not sent: {}", e.toString())));
    }
}
