package org.doorstep.notifications.delivery;

import java.util.List;

import org.doorstep.notifications.match.MatchWithdrawn;
import reactor.core.publisher.Mono;

/**
 * What follows a posting's closure besides the withdrawal of its matches: the seekers' applications to it say so.
 * Given every {@code POSTING_CLOSED} withdrawal of a batch, whatever the inbox held; idempotent (a redelivered batch
 * gives them again).
 */
public interface PostingClosures {

    String REASON = "POSTING_CLOSED";

    Mono<Void> closed(List<MatchWithdrawn> withdrawals);
}
