package org.doorstep.notifications.operator;

import java.util.List;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The delivery decisions of this instance, as they are written, for the operators' live feed. Hot and lossy by
 * design: an operator who is not connected misses what happens meanwhile (the counters and the statistics are the
 * record), and a slow reader drops events rather than holding deliveries back. Each instance tells what it decides
 * for the partitions it owns.
 */
@Component
public class OperatorFeed {

    private final Sinks.Many<OperatorEvent> sink = Sinks.many().multicast().directBestEffort();

    /** Tells every connected operator; called after the batch that decided them is written. */
    public void published(List<OperatorEvent> events) {
        if (events.isEmpty() || sink.currentSubscriberCount() == 0) {
            return;
        }
        synchronized (sink) { // one emitter at a time: the batches of several partitions are delivered in parallel
            events.forEach(sink::tryEmitNext);
        }
    }

    public Flux<OperatorEvent> follow() {
        return sink.asFlux();
    }
}
