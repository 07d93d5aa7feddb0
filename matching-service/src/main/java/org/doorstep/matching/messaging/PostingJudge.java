package org.doorstep.matching.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.doorstep.matching.economy.EconomyTags;
import org.doorstep.matching.economy.PostingEconomies;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.PostingBacklog;
import org.doorstep.matching.match.PostingChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Judges the postings read by {@code matchPosting} on a thread of its own, a {@link PostingBacklog} step at a time,
 * so that the consumer reads ahead and a posting published now is judged before a backlog read earlier (a restart's
 * re-read of every posting, a partner's bulk import, a burst beyond capacity). Committed offsets say nothing here:
 * every assigned partition is read again from the beginning ({@link PartitionOwnership}), and the ledger keeps that
 * from telling anyone twice, so a change that waits when the process stops is judged after the next start. It
 * starts judging once the seekers judged before are indexed again ({@link SeekerReplay}).
 * <p>
 * A step that fails because the store or the broker is away is put back and tried again with back-off (200 ms,
 * doubling to 5 s) until it passes. Any other failure is the service's, not the record's: it is logged and counted
 * ({@code doorstep.matching.postings.failed}), and the postings are judged again at the next re-read.
 */
@Component
class PostingJudge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostingJudge.class);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final PostingBacklog backlog = new PostingBacklog();
    /** Held while a step is judged and while partitions are released, so no released posting is judged again. */
    private final Object turn = new Object();
    private final MatchEngine engine;
    private final SeekerReplay replay;
    private final EconomyTags economyTags;
    private final PostingEconomies economies;
    private final Timer age;
    private final Counter failed;
    private volatile Thread worker;

    PostingJudge(MatchEngine engine, EconomyTags economyTags, PostingEconomies economies, SeekerReplay replay,
                 MeterRegistry meters) {
        this.engine = engine;
        this.replay = replay;
        this.economyTags = economyTags;
        this.economies = economies;
        this.age = Timer.builder("doorstep.matching.posting.age")
                .description("a posting event's age (from its record's timestamp) when its matches are published")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(meters);
        this.failed = Counter.builder("doorstep.matching.postings.failed")
                .description("posting changes whose judging failed for a reason other than the store or broker being away")
                .register(meters);
        Gauge.builder("doorstep.matching.postings.waiting", backlog, PostingBacklog::size)
                .description("postings read from the topic and not judged yet (matching reads ahead: its consumer lag does not show them)").register(meters);
        Gauge.builder("doorstep.matching.postings.waiting.oldest", backlog, PostingJudge::oldestSeconds)
                .description("age in seconds of the oldest posting change waiting to be judged (0: none)").register(meters);
    }

    /** A posting's change, made when its turn comes. */
    void add(String postingId, String partnerId, int shard, Instant written, Supplier<PostingChange> change) {
        backlog.add(new PostingBacklog.Waiting(postingId, partnerId, shard, written, change));
    }

    /** Partitions taken away: their waiting changes and their postings leave this instance. */
    void release(Collection<Integer> shards) {
        synchronized (turn) {
            backlog.release(shards);
            engine.releaseShards(shards);
        }
    }

    private void run() {
        BackOffExecution backOff = null;
        while (worker == Thread.currentThread()) {
            List<PostingBacklog.Waiting> step;
            try {
                if (!replay.caughtUp()) {
                    // a posting judged against half an index would miss the seekers indexed after it
                    TimeUnit.MILLISECONDS.sleep(IDLE.toMillis() / 5);
                    continue;
                }
                step = backlog.take(IDLE);
            } catch (InterruptedException e) {
                return;
            }
            if (step.isEmpty()) {
                continue;
            }
            try {
                judge(step);
                backOff = null;
            } catch (RuntimeException e) {
                if (!StoreOrBrokerAway.isCause(e)) {
                    failed.increment(step.size());
                    log.error("judging {} postings failed; they are judged again when the topic is next read: {}",
                            step.size(), step.stream().map(PostingBacklog.Waiting::postingId).limit(20).toList(), e);
                    continue;
                }
                backlog.putBack(step);
                backOff = backOff == null ? StoreOrBrokerAway.backOff().start() : backOff;
                long wait = backOff.nextBackOff();
                log.warn("the store or broker is away; {} postings wait, next attempt in {} ms: {}", backlog.size(), wait,
                        e.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void judge(List<PostingBacklog.Waiting> step) {
        List<PostingChange> changes = new ArrayList<>(step.size());
        List<Instant> written = new ArrayList<>(step.size());
        for (PostingBacklog.Waiting waiting : step) {
            try {
                changes.add(waiting.change().get());
                written.add(waiting.written());
            } catch (RuntimeException e) {
                failed.increment();
                log.error("posting {} could not be read for matching; it is read again when the topic is next read",
                        waiting.postingId(), e);
            }
        }
        synchronized (turn) {
            engine.postingsChanged(changes);
        }
        recordEconomies(changes);
        long now = System.currentTimeMillis();
        written.forEach(at -> age.record(Math.max(0, now - at.toEpochMilli()), TimeUnit.MILLISECONDS));
    }

    /** Each posting's economy tags (for the operators' statistics), once its matches are handled. */
    private void recordEconomies(List<PostingChange> changes) {
        List<PostingEconomies.Tagged> tagged = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        for (PostingChange change : changes) {
            switch (change) {
                case PostingChange.Upserted upserted -> tagged.add(new PostingEconomies.Tagged(upserted.posting().id(),
                        economyTags.of(upserted.posting().requiredSkills(), upserted.posting().optionalSkills(),
                                upserted.posting().extractedSkills()), upserted.posting().open()));
                case PostingChange.Closed gone -> closed.add(gone.postingId());
            }
        }
        economies.record(tagged, closed);
    }

    private static double oldestSeconds(PostingBacklog backlog) {
        Instant oldest = backlog.oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::run, "posting-judge");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** Before the bindings start and after they stop: nothing is read that no one judges. */
    @Override
    public int getPhase() {
        return 0;
    }
}
