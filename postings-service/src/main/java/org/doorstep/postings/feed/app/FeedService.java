package org.doorstep.postings.feed.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.postings.feed.FeedCursor;
import org.doorstep.postings.feed.FeedFilter;
import org.doorstep.postings.feed.FeedItem;
import org.doorstep.postings.feed.FeedPage;
import org.doorstep.postings.feed.PostingChange;
import org.doorstep.postings.feed.PostingLog;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The change feed of postings: pages read from the postings log at a reader's cursor, and a live stream that goes
 * on reading from where each page ended.
 */
@Service
public class FeedService {

    private final PostingLog postingLog;
    private final FeedProperties properties;

    FeedService(PostingLog postingLog, FeedProperties properties) {
        this.postingLog = postingLog;
        this.properties = properties;
    }

    /** One page: up to {@code limit} changes after {@code from}, without waiting when there are none. */
    public Mono<FeedPage> page(FeedCursor from, FeedFilter filter, int limit) {
        return read(from, filter, limit, Duration.ZERO);
    }

    /** Pages without end: each waits up to {@code doorstep.feed.stream-wait} for news, then the next one starts. */
    public Flux<FeedPage> stream(FeedCursor from, FeedFilter filter) {
        return read(from, filter, properties.maxPageSize(), properties.streamWait())
                .expand(page -> read(FeedCursor.decode(page.nextCursor()), filter, properties.maxPageSize(),
                        properties.streamWait()));
    }

    private Mono<FeedPage> read(FeedCursor from, FeedFilter filter, int limit, Duration wait) {
        return Mono.fromCallable(() -> {
            PostingLog.Batch batch = postingLog.read(from, limit, wait);
            List<FeedItem> items = new ArrayList<>();
            FeedCursor after = from;
            for (PostingChange change : batch.changes()) {
                after = after.with(change.partition(), change.offset() + 1);
                FeedItem item = FeedItem.of(change.posting(), filter, after);
                if (item != null) {
                    items.add(item);
                }
            }
            return new FeedPage(items, batch.next().encode(), batch.atEnd());
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
