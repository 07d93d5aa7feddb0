package org.doorstep.postings.outbox;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Periodically republishes outbox entries that a crash or broker outage left behind. */
@Component
class OutboxSweeper {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRelay relay;
    private final List<String> collections;

    OutboxSweeper(OutboxRelay relay, List<OutboxCollection> collections) {
        this.relay = relay;
        this.collections = collections.stream().map(OutboxCollection::name).toList();
    }

    @Scheduled(initialDelayString = "${doorstep.outbox.sweep-interval}",
            fixedDelayString = "${doorstep.outbox.sweep-interval}")
    void sweep() {
        for (String collection : collections) {
            try {
                Long flushed = relay.sweep(collection).block();
                if (flushed != null && flushed > 0) {
                    log.info("Republished pending events of {} {} document(s)", flushed, collection);
                }
            } catch (RuntimeException e) {
                log.warn("Outbox sweep of {} failed: {}", collection, e.toString());
            }
        }
    }
}
