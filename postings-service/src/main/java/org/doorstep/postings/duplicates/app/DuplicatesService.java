package org.doorstep.postings.duplicates.app;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.doorstep.postings.duplicates.DuplicateView;
import org.doorstep.postings.duplicates.SameJob;
import org.doorstep.postings.duplicates.SameJobRepository;
import org.doorstep.postings.posting.Posting;
import org.doorstep.postings.posting.PostingNotFound;
import org.doorstep.postings.posting.PostingRepository;
import org.doorstep.postings.posting.PostingStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One job, one notification, as a partner sees it (issue 16): which of its postings matching-service found to be the
 * same job as other partners' postings. What is shown is checked against the postings as they are now: a posting
 * closed since (its own, or another) is left out, whatever the last notice said.
 */
@Service
public class DuplicatesService {

    private final SameJobRepository notices;
    private final PostingRepository postings;

    public DuplicatesService(SameJobRepository notices, PostingRepository postings) {
        this.notices = notices;
        this.postings = postings;
    }

    /** A notice read from matching-service. */
    public Mono<Void> record(SameJob notice) {
        return notices.save(notice);
    }

    /** The other open postings of the job of the partner's posting (an empty list when none). */
    public Mono<DuplicateView> of(String partnerId, String externalId) {
        return postings.find(partnerId, externalId)
                .switchIfEmpty(Mono.error(() -> new PostingNotFound(externalId)))
                .flatMap(posting -> notices.find(posting.postingId())
                        .flatMap(notice -> postings.byIds(notice.sameJobAs()).collectMap(Posting::postingId, Function.identity())
                                .map(others -> view(posting, notice, others)))
                        .defaultIfEmpty(new DuplicateView(posting.externalId(), posting.postingId(), List.of(), null)));
    }

    /**
     * The partner's open postings that are the same job as other open postings: its notices, then its postings and
     * every other posting they name in one read by {@code _id}.
     */
    public Flux<DuplicateView> ofPartner(String partnerId) {
        return notices.ofPartner(partnerId).collectList().flatMapMany(found -> {
            if (found.isEmpty()) {
                return Flux.empty();
            }
            Set<String> ids = new LinkedHashSet<>();
            found.forEach(notice -> {
                ids.add(notice.postingId());
                ids.addAll(notice.sameJobAs());
            });
            return postings.byIds(List.copyOf(ids)).collectMap(Posting::postingId, Function.identity())
                    .flatMapMany(byId -> Flux.fromIterable(found)
                            .filter(notice -> open(byId.get(notice.postingId())))
                            .map(notice -> view(byId.get(notice.postingId()), notice, byId)))
                    .filter(view -> !view.sameJobAs().isEmpty());
        });
    }

    /** The posting's view: the notice's other postings that are open now ({@code others}: the postings read, by id). */
    private static DuplicateView view(Posting posting, SameJob notice, Map<String, Posting> others) {
        List<DuplicateView.Other> open = !open(posting) ? List.of() : notice.sameJobAs().stream()
                .map(others::get)
                .filter(DuplicatesService::open)
                .map(other -> new DuplicateView.Other(other.postingId(), other.content().title()))
                .toList();
        return new DuplicateView(posting.externalId(), posting.postingId(), open, notice.at());
    }

    private static boolean open(Posting posting) {
        return posting != null && posting.status() == PostingStatus.OPEN;
    }
}
