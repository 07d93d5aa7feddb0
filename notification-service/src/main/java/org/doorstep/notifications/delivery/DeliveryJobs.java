package org.doorstep.notifications.delivery;

import java.time.Clock;
import java.time.Duration;

import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.InboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The periodic work of delivery: release items whose quiet hours ended, send due digests, drop expired
 * items (the MongoDB TTL index does this too on a real server; the wire server used here has no TTL monitor).
 */
@Component
class DeliveryJobs {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJobs.class);

    private final MatchDelivery delivery;
    private final InboxStore inbox;
    private final Feed feed;
    private final Clock clock;

    DeliveryJobs(MatchDelivery delivery, InboxStore inbox, Feed feed, Clock clock) {
        this.delivery = delivery;
        this.inbox = inbox;
        this.feed = feed;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${doorstep.schedule.interval}")
    void run() {
        try {
            delivery.releaseHeld();
            delivery.sendDueDigests();
            inbox.expire(clock.instant()).block(Duration.ofSeconds(30));
            feed.expire(clock.instant()).block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("delivery jobs failed, next run retries: {}", e.toString());
        }
    }
}
