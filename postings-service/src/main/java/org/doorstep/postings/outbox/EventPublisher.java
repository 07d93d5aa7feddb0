package org.doorstep.postings.outbox;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends outbox entries to Kafka as CloudEvents in binary mode, with an idempotent producer
 * ({@code acks=all}); the returned Mono completes only after the broker acknowledged the record.
 * <p>
 * Through a circuit breaker: a send to an unreachable broker takes up to the send timeout (waiting for
 * metadata, or for the acknowledgement) on a thread of its own. Once most recent sends failed that way, sends
 * fail at once ({@code CallNotPermittedException}) and their entries wait in the outbox; every sweep interval
 * one send is let through to see whether the broker is back.
 */
@Component
public class EventPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final String source;
    private final CircuitBreaker broker;

    EventPublisher(OutboxProperties properties, KafkaProperties kafka) {
        this.source = properties.source();
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
        // spring.kafka.* first (the security settings of a TLS and SCRAM listener), then this producer's own
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) properties.bootstrapServers()),
                Map.entry(ProducerConfig.ACKS_CONFIG, (Object) "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, (Object) true),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, (Object) 5),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, (Object) 5),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, (Object) 262_144),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, (Object) "lz4"),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (Object) (int) properties.sendTimeout().toMillis()),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 
                        (Object) (int) Math.min(properties.sendTimeout().toMillis() / 2, 30_000)),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, (Object) properties.sendTimeout().toMillis()),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, (Object) "postings-outbox")));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public Mono<Void> send(OutboxEntry entry) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(entry.topic(), null, entry.key(),
                entry.data().getBytes(StandardCharsets.UTF_8), headers(entry));
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

    private List<Header> headers(OutboxEntry entry) {
        return List.of(
                header("ce_id", entry.ceId()),
                header("ce_specversion", "1.0"),
                header("ce_type", entry.type()),
                header("ce_source", source),
                header("ce_time", entry.time().toString()),
                header("ce_subject", entry.subject()),
                header("content-type", "application/json"));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
