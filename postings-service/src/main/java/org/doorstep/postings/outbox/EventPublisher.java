package org.doorstep.postings.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.doorstep.postings.platform.messaging.JsonCloudEvents;
import org.doorstep.postings.platform.messaging.KafkaProducers;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends outbox entries to Kafka as CloudEvents in binary mode, through the producer every service makes the same
 * way ({@link KafkaProducers}: idempotent, {@code acks=all}); the returned Mono completes only after the broker acknowledged the record.
 * <p>
 * Through a circuit breaker: a send to an unreachable broker takes up to the send timeout (waiting for
 * metadata, or for the acknowledgement) on a thread of its own. Once most recent sends failed that way, sends
 * fail at once ({@code CallNotPermittedException}) and their entries wait in the outbox; every sweep interval
 * one send is let through to see whether the broker is back.
 */
@Component
public class EventPublisher {

    private final Producer<String, CloudEvent> producer;
    private final URI source;
    private final CircuitBreaker broker;

    EventPublisher(OutboxProperties properties, KafkaProperties kafka) {
        this.source = URI.create(properties.source());
        this.broker = CircuitBreaker.of("broker", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.sweepInterval())
                .permittedNumberOfCallsInHalfOpenState(1)
                // the broker away or slow (timeouts, lost connections); a record the broker refuses says nothing about it
                .recordException(e -> e instanceof RetriableException)
                .build());
        long timeout = properties.sendTimeout().toMillis();
        this.producer = KafkaProducers.cloudEvents(kafka, "postings-outbox", Map.of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout / 2, 30_000),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout));
    }

    public Mono<Void> send(OutboxEntry entry) {
        ProducerRecord<String, CloudEvent> record = JsonCloudEvents.record(entry.topic(), entry.key(), entry.ceId(),
                entry.type(), source, entry.time(), entry.subject(), entry.data().getBytes(StandardCharsets.UTF_8));
        return Mono.<Void>create(sink -> {
            try {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        sink.error(error);
                    } else {
                        sink.success();
                    }
                });
            } catch (RuntimeException e) {
                sink.error(e);
            }
        })
                // asked for on the sending thread, when the send is about to happen: sends queued behind ones that
                // opened the breaker fail at once instead of each waiting out the timeout
                .transformDeferred(CircuitBreakerOperator.of(broker))
                // send() may block up to max.block.ms while the broker is unreachable: never on an event loop
                .subscribeOn(Schedulers.boundedElastic()).then();
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
