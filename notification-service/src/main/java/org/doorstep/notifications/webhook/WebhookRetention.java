package org.doorstep.notifications.webhook;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps delivered events and the delivery log for a while (for partners' questions), then drops them. Dead letters stay until replayed. */
@Component
class WebhookRetention {

    private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

    private final PartnerDeliveries deliveries;
    private final DeliveryLog deliveryLog;
    private final Clock clock;
    private final Duration keep;

    WebhookRetention(PartnerDeliveries deliveries, DeliveryLog deliveryLog, Clock clock,
                     @Value("${doorstep.webhooks.keep-delivered:P7D}") Duration keep) {
        this.deliveries = deliveries;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
        this.keep = keep;
    }

    @Scheduled(fixedDelayString = "${doorstep.webhooks.retention-interval:PT10M}")
    void forgetOld() {
        try {
            deliveries.forgetDelivered(clock.instant().minus(keep)).block(Duration.ofSeconds(30));
            deliveryLog.forget(clock.instant().minus(keep)).block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            log.warn("webhook retention failed, next run retries: {}", e.toString());
        }
    }
}
