package org.doorstep.postings.outbox;

import java.util.List;

import org.doorstep.postings.outbox.PendingOutbox.Written;
import reactor.core.publisher.Mono;

/** A collection's outbox as its store sees it: registered with the relay, which publishes what the store wrote. */
public record RelayedOutbox(OutboxRelay relay, PendingOutbox pending) {

    /** See {@link OutboxRelay#trigger}. */
    public void trigger(Object id, List<OutboxEntry> entries) {
        relay.trigger(pending, id, entries);
    }

    /** See {@link OutboxRelay#publishAllOrDefer}. */
    public Mono<Void> publishAllOrDefer(List<Written> written) {
        return relay.publishAllOrDefer(pending, written);
    }
}
