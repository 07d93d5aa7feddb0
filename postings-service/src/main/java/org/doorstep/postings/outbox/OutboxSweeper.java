package org.doorstep.postings.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every sweep interval, republishes the events of documents whose publishing failed here (by id); at
 * start-up and every full-sweep interval, also searches each collection for entries a crash left behind.
 */
@Component
class OutboxSweeper {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRelay relay;
    private final Duration fullSweepInterval;
    private final Clock clock;
    private Instant nextFullSweep = Instant.MIN;

    OutboxSweeper(OutboxRelay relay, OutboxProperties properties, Clock clock) {
        this.relay = relay;
        this.fullSweepInterval = properties.fullSweepInterval();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${doorstep.outbox.sweep-interval}",
            fixedDelayString = "${doorstep.outbox.sweep-interval}")
    void sweep() {
        Instant now = clock.instant();
        boolean full = !now.isBefore(nextFullSweep);
        if (full) {
            nextFullSweep = now.plus(fullSweepInterval);
        }
        for (PendingOutbox outbox : relay.outboxes()) {
            try {
                Long flushed = relay.retry(outbox)
                        .flatMap(retried -> full ? relay.sweep(outbox).map(swept -> retried + swept) : Mono.just(retried))
                        .block();
                if (flushed != null && flushed > 0) {
                    log.info("Republished pending events of {} {} document(s)", flushed, outbox.name());
                }
            } catch (RuntimeException e) {
                log.warn("Outbox sweep of {} failed: {}", outbox.name(), e.toString());
            }
        }
    }
}
