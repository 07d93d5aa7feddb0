package org.doorstep.notifications.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One round of an outbox relay (feedback, applications): the pending events in order, each sent synchronously and
 * marked sent once the broker acknowledged it. The round stops at the first that fails; the next round tries it
 * again. A crash between the acknowledgement and the mark republishes the same {@code ce_id} (consumers dedupe).
 */
public final class RelayRound {

    private static final Logger log = LoggerFactory.getLogger(RelayRound.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private RelayRound() {
    }

    public static <E> void publish(List<E> pending, Producer<String, CloudEvent> producer,
                                   Function<E, ProducerRecord<String, CloudEvent>> record, Function<E, Mono<Void>> markSent) {
        for (E event : pending) {
            ProducerRecord<String, CloudEvent> next = record.apply(event);
            try {
                producer.send(next).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                markSent.apply(event).block(SEND_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("{} of {} to {} not published yet, will retry: {}", next.value() == null ? "tombstone"
                        : next.value().getType() + " " + next.value().getId(), next.key(), next.topic(), e.toString());
                return;
            }
        }
    }
}
