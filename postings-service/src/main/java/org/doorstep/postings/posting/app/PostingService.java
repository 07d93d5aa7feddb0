package org.doorstep.postings.posting.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.doorstep.postings.posting.ClosedReason;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.posting.PostingKeptChanging;
import org.doorstep.postings.posting.PostingNotFound;
import org.doorstep.postings.posting.PostingRepository;
import org.doorstep.postings.posting.PostingStatus;
import org.doorstep.postings.posting.PostingVersionMismatch;
import org.doorstep.postings.posting.Revision;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The partner's commands on its postings. Each change writes the posting and its event in one
 * document (outbox) and answers: that write is the commit point. The relay publishes the event in the
 * background; if the broker is away, the event waits in the outbox and the sweeper publishes it later.
 * (A batch waits for the broker's acks of its new postings, so an ingest cannot outrun the broker.)
 */
@Service
public class PostingService {

    private static final int OPERATOR_PAGE = 200;

    private static final int RETRIES = 5;

    private final PostingRepository store;
    private final Clock clock;

    PostingService(PostingRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Result(Outcome outcome, Posting posting) {
    }

    /** Creates or changes the partner's posting {@code externalId}; {@code ifMatch} (a version) guards against lost updates. */
    public Mono<Result> upsert(String partnerId, String externalId, PostingContent content, Precondition precondition) {
        return Mono.defer(() -> store.find(partnerId, externalId)
                        .flatMap(current -> revise(current, content, precondition))
                        .switchIfEmpty(Mono.defer(() -> create(partnerId, externalId, content, precondition))))
                .retryWhen(concurrentChanges(externalId));
    }

    /** One posting of a batch. */
    public record Command(String externalId, PostingContent content) {
    }

    /**
     * Upserts many postings of one partner, with the outcome of each in the order given. The bulk of an
     * ingest is new postings: they are inserted optimistically, all at once (the unique index on partner
     * and externalId refuses the ones that exist), then published in one burst with one outbox cleanup.
     * The rest (existing, named twice in the chunk) go one by one through {@link #upsert}, in order.
     */
    public Mono<List<Result>> upsertAll(String partnerId, List<Command> commands) {
        if (commands.isEmpty()) {
            return Mono.just(List.of());
        }
        java.util.Map<String, Integer> occurrences = new java.util.HashMap<>();
        commands.forEach(c -> occurrences.merge(c.externalId(), 1, Integer::sum));
        Instant now = now();
        Result[] results = new Result[commands.size()];
        List<Integer> creates = new java.util.ArrayList<>();
        List<Revision> created = new java.util.ArrayList<>();
        List<Integer> oneByOne = new java.util.ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            if (occurrences.get(command.externalId()) > 1) {
                oneByOne.add(i);
            } else {
                creates.add(i);
                created.add(Posting.create(UUID.randomUUID().toString(), partnerId, command.externalId(),
                        command.content(), now));
            }
        }
        return store.insertAll(created).flatMap(written -> {
            java.util.Set<String> writtenIds = new java.util.HashSet<>();
            written.forEach(p -> writtenIds.add(p.postingId()));
            for (int k = 0; k < creates.size(); k++) {
                Posting posting = created.get(k).posting();
                if (writtenIds.contains(posting.postingId())) {
                    results[creates.get(k)] = new Result(Outcome.CREATED, posting);
                } else {
                    oneByOne.add(creates.get(k));
                }
            }
            oneByOne.sort(Integer::compare);
            return Flux.fromIterable(oneByOne)
                            .concatMap(i -> upsert(partnerId, commands.get(i).externalId(),
                                    commands.get(i).content(), Precondition.NONE)
                                    .doOnNext(result -> results[i] = result))
                    .then(Mono.fromSupplier(() -> List.of(results)));
        });
    }

    /** Closes the partner's posting; closing a closed posting changes nothing. */
    public Mono<Posting> close(String partnerId, String externalId, Precondition precondition) {
        return Mono.defer(() -> store.find(partnerId, externalId)
                        .switchIfEmpty(Mono.error(() -> new PostingNotFound(externalId)))
                        .flatMap(current -> {
                            checkVersion(current, precondition);
                            return apply(current, current.close(ClosedReason.PARTNER, now()));
                        }))
                .retryWhen(concurrentChanges(externalId));
    }

    /** Closes one posting past its validThrough; empty if another instance (or the partner) got there first. */
    /** Closes every open posting of a partner being suspended (closedReason SUSPENDED); how many it closed. */
    public Mono<Long> closeForSuspension(String partnerId) {
        return changeAll(partnerId, PostingStatus.OPEN, p -> p.close(ClosedReason.SUSPENDED, now()));
    }

    /** Reopens the postings a partner's suspension closed (not those expired meanwhile); how many it reopened. */
    public Mono<Long> reopenAfterSuspension(String partnerId) {
        return changeAll(partnerId, PostingStatus.CLOSED, p -> p.reopenAfterSuspension(now()));
    }

    /** Applies a command to each of a partner's postings of a status, page by page (a search: operator use only). */
    private Mono<Long> changeAll(String partnerId, PostingStatus status, Function<Posting, Revision> command) {
        return store.page(partnerId, status, null, OPERATOR_PAGE).collectList()
                .expand(page -> page.size() < OPERATOR_PAGE ? Mono.empty()
                        : store.page(partnerId, status, page.getLast().externalId(), OPERATOR_PAGE).collectList())
                .flatMapIterable(page -> page)
                .concatMap(found -> Mono.defer(() -> store.find(partnerId, found.externalId())
                                .flatMap(current -> {
                                    Revision revision = command.apply(current);
                                    return apply(current, revision).thenReturn(revision.changed());
                                }))
                        .retryWhen(concurrentChanges(found.externalId())))
                .filter(changed -> changed)
                .count();
    }

    public Mono<Posting> expire(Posting candidate) {
        Instant now = now();
        if (!candidate.expiredAt(now)) {
            return Mono.empty();
        }
        Revision revision = candidate.close(ClosedReason.EXPIRED, now);
        return store.update(candidate.version(), revision.posting(), revision.events());
    }

    public Mono<Posting> get(String partnerId, String externalId) {
        return store.find(partnerId, externalId)
                .switchIfEmpty(Mono.error(() -> new PostingNotFound(externalId)));
    }

    public Flux<Posting> page(String partnerId, PostingStatus status, String afterExternalId, int limit) {
        return store.page(partnerId, status, afterExternalId, limit);
    }

    private Mono<Result> create(String partnerId, String externalId, PostingContent content, Precondition precondition) {
        String refusal = precondition.refusal(null);
        if (refusal != null) {
            return Mono.error(new PostingVersionMismatch(refusal));
        }
        Revision revision = Posting.create(UUID.randomUUID().toString(), partnerId, externalId, content, now());
        return store.insert(revision.posting(), revision.events())
                .switchIfEmpty(Mono.error(ConcurrentChange::new))
                .map(created -> new Result(Outcome.CREATED, created));
    }

    private Mono<Result> revise(Posting current, PostingContent content, Precondition precondition) {
        checkVersion(current, precondition);
        Revision revision = current.revise(content, now());
        if (!revision.changed()) {
            return Mono.just(new Result(Outcome.UNCHANGED, current));
        }
        return apply(current, revision).map(p -> new Result(Outcome.UPDATED, p));
    }

    private Mono<Posting> apply(Posting current, Revision revision) {
        if (!revision.changed()) {
            return Mono.just(current);
        }
        return store.update(current.version(), revision.posting(), revision.events())
                .switchIfEmpty(Mono.error(ConcurrentChange::new));
    }

    /** Reads and tries again when a concurrent change won; gives up after {@link #RETRIES} lost races. */
    private static Retry concurrentChanges(String externalId) {
        return Retry.max(RETRIES).filter(PostingService::concurrent)
                .onRetryExhaustedThrow((spec, signal) -> new PostingKeptChanging(externalId));
    }

    private static void checkVersion(Posting current, Precondition precondition) {
        String refusal = precondition.refusal(current.version());
        if (refusal != null) {
            throw new PostingVersionMismatch(refusal);
        }
    }

    private Instant now() {
        return clock.instant(); // the clock ticks in milliseconds, as the store keeps times
    }

    private static boolean concurrent(Throwable e) {
        return e instanceof ConcurrentChange;
    }

    /** Someone else changed the posting between our read and our conditional write: read again. */
    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("posting changed concurrently", null, false, false);
        }
    }

}
