package org.doorstep.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.doorstep.notifications.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner's events go out in the order they were made: the queue, over the real store, leases the oldest
 * undelivered events and stops at the first that is not due, so an event never overtakes an earlier one that is
 * waiting (postponed behind an open circuit or backing off); a dead letter does not hold the line. The partner has no
 * webhook, so the service's own dispatcher leaves its events alone.
 */
@NotificationServiceTest
class PartnerDeliveriesOrderTest {

    @Autowired
    PartnerDeliveries deliveries;

    private final String partner = "order-" + UUID.randomUUID();
    private final Instant made = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);

    @Test
    void aLaterEventWaitsBehindAnEarlierOneThatIsNotDueAndAllGoOutInOrderWhenItIs() {
        enqueue("e1", 0);
        enqueue("e2", 1);
        enqueue("e3", 2);
        Instant now = Instant.now();
        assertThat(claim(now, 1)).containsExactly("e1");
        deliveries.postpone(partner, List.of("e1"), now.plusSeconds(30)).block();

        assertThat(claim(now, 10)).as("e2 and e3 wait behind the postponed e1").isEmpty();
        assertThat(claim(now.plusSeconds(31), 10)).containsExactly("e1", "e2", "e3");
    }

    @Test
    void aDeadLetterDoesNotHoldTheLine() {
        enqueue("d1", 0);
        enqueue("d2", 1);
        Instant now = Instant.now();
        assertThat(claim(now, 1)).containsExactly("d1");
        deliveries.dead(partner, List.of("d1"), "503", now).block();

        assertThat(claim(now, 10)).containsExactly("d2");
    }

    @Test
    void anEventLeasedByARunningDispatchHoldsTheLineUntilItsLeaseRunsOut() {
        enqueue("l1", 0);
        enqueue("l2", 1);
        Instant now = Instant.now();
        assertThat(claim(now, 1)).containsExactly("l1");

        assertThat(claim(now, 10)).isEmpty();
        assertThat(claim(now.plusSeconds(61), 10)).containsExactly("l1", "l2");
    }

    private void enqueue(String eventId, int secondsAfter) {
        deliveries.enqueue(new PartnerEvent(partner, eventId, "match.found", "seeker-" + eventId, "match-" + eventId,
                "{}", made.plusSeconds(secondsAfter))).block();
    }

    private List<String> claim(Instant now, int max) {
        return deliveries.claim(partner, now, now.plusSeconds(60), max).map(PartnerEvent::eventId).collectList().block();
    }
}
