package org.doorstep.postings.posting.expiry;

import java.time.Clock;

import org.doorstep.postings.posting.app.PostingService;
import org.doorstep.postings.posting.store.PostingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Closes open postings past their validThrough (event posting.closed, closedReason EXPIRED). Safe with
 * several replicas: each close is a write conditional on the version read, so exactly one wins.
 */
@Component
class PostingExpiry {

    private static final Logger log = LoggerFactory.getLogger(PostingExpiry.class);
    private static final int BATCH = 500;

    private final PostingStore store;
    private final PostingService postings;
    private final Clock clock;

    PostingExpiry(PostingStore store, PostingService postings, Clock clock) {
        this.store = store;
        this.postings = postings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${doorstep.expiry.interval}", fixedDelayString = "${doorstep.expiry.interval}")
    void run() {
        try {
            Long closed = closeExpired().block();
            if (closed != null && closed > 0) {
                log.info("Closed {} expired posting(s)", closed);
            }
        } catch (RuntimeException e) {
            log.warn("Expiry run failed: {}", e.toString());
        }
    }

    /** Closes the postings this instance wins; returns how many. */
    Mono<Long> closeExpired() {
        return store.expired(clock.instant(), BATCH)
                .flatMap(postings::expire, 8)
                .count();
    }
}
