package org.doorstep.postings.posting.expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.doorstep.postings.posting.PostingRepository;
import org.doorstep.postings.posting.app.PostingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Closes open postings past their validThrough (event posting.closed, closedReason EXPIRED). Safe with
 * several replicas: each close is a write conditional on the version read, so exactly one wins.
 * <p>
 * Searching for expired postings is a scan on the MongoDB-wire server, so it runs once per scan interval
 * (and at start-up), looking one scan interval ahead: the postings it finds wait here, by id and
 * validThrough, and each is read again by {@code _id} and closed when its time comes (every interval). A
 * posting written after a search with a validThrough before the next search closes at that search, up to
 * one scan interval late.
 */
@Component
class PostingExpiry {

    private static final Logger log = LoggerFactory.getLogger(PostingExpiry.class);
    private static final int SCAN_LIMIT = 10_000;
    private static final int CLOSE_BATCH = 500;

    private final PostingRepository store;
    private final PostingService postings;
    private final Clock clock;
    private final Duration scanInterval;
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private volatile Instant nextScan = Instant.MIN;

    PostingExpiry(PostingRepository store, PostingService postings, Clock clock,
                  @Value("${doorstep.expiry.scan-interval:5m}") Duration scanInterval) {
        this.store = store;
        this.postings = postings;
        this.clock = clock;
        this.scanInterval = scanInterval;
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
        Instant now = clock.instant();
        return search(now).then(Mono.defer(() -> close(dueAt(now))));
    }

    /** The postings expiring before the next search, if a search is due. */
    private Mono<Void> search(Instant now) {
        if (now.isBefore(nextScan)) {
            return Mono.empty();
        }
        nextScan = now.plus(scanInterval);
        return store.expired(now.plus(scanInterval), SCAN_LIMIT)
                .doOnNext(p -> due.put(p.postingId(), p.content().validThrough()))
                .count()
                .doOnNext(found -> {
                    if (found >= SCAN_LIMIT) {
                        nextScan = now; // more than a page: search again at the next run
                    }
                })
                .then();
    }

    private List<String> dueAt(Instant now) {
        List<String> ids = new ArrayList<>();
        due.forEach((id, validThrough) -> {
            if (validThrough.isBefore(now) && ids.size() < CLOSE_BATCH) {
                ids.add(id);
            }
        });
        ids.forEach(due::remove);
        return ids;
    }

    private Mono<Long> close(List<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return store.byIds(ids)
                .flatMap(postings::expire, 8)
                .count();
    }
}
