package org.doorstep.matching.messaging;

import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.doorstep.matching.platform.messaging.KafkaProducers;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of the service's bindings, in the listener containers' error handlers rather than the
 * binder's, for two reasons.
 * <p>
 * A record that fails on its own goes to the binding's DLQ: at once when it is an {@link UnreadableEvent}, after the
 * binding's attempts and back-off otherwise. The postings binding consumes in batches, where the binder's own
 * dead-lettering would send a failed poll's every record to the DLQ; here only the record the listener names
 * ({@code BatchListenerFailedException}) goes, the records before it are committed and the ones after it read again.
 * <p>
 * A failure because the store or the broker is away ({@link StoreOrBrokerAway}) is no fault of the record: it is
 * retried with back-off (up to 5 s apart) until it passes, the consumer lag growing meanwhile, and never dead-lettered.
 * Otherwise a 30 s store outage sent every posting, seeker and feedback event consumed during it to a DLQ, where
 * no one was ever matched on it (found by the system test {@code StoreOutageSystemTest}).
 * <p>
 * The DLQ records keep the binder's header names ({@code x-original-*}, {@code x-exception-*}).
 */
@Component
class DeadLetters implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private final Topics topics;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

    DeadLetters(Topics topics, KafkaProperties kafka) {
        this.topics = topics;
        this.producers = new DefaultKafkaProducerFactory<>(KafkaProducers.config(kafka, "matching-service-dlq", Map.of()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                          BackOff backOff) {
        if (!ours(destinationName) || dlqDestinationResolver == null) {
            return;
        }
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                dlqDestinationResolver);
        recoverer.setHeaderNamesSupplier(DeadLetters::binderHeaderNames);
        ConsumerAwareRecordRecoverer withReason = (record, consumer, failure) -> recoverer.accept(record, consumer, reason(failure));
        DefaultErrorHandler deadLetters = new DefaultErrorHandler(withReason, backOff == null ? new FixedBackOff(0, 0) : backOff);
        deadLetters.addNotRetryableExceptions(UnreadableEvent.class);
        CommonDelegatingErrorHandler handler = new CommonDelegatingErrorHandler(deadLetters);
        handler.setCauseChainTraversing(true);
        DefaultErrorHandler untilBack = untilBack();
        StoreOrBrokerAway.FAILURES.forEach(failure -> handler.addDelegate(failure, untilBack));
        container.setCommonErrorHandler(handler);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return !ours(destinationName);
    }

    /** Retries until the store or broker is back: 200 ms, doubling up to 5 s apart, with no last attempt. */
    static DefaultErrorHandler untilBack() {
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            throw new IllegalStateException("the store or broker retry has no last attempt", failure);
        }, StoreOrBrokerAway.backOff());
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
        return handler;
    }

    /**
     * What the DLQ record's {@code x-exception-*} headers tell: for one failed record, what the listener named as its
     * failure (not the wrappers the binder and container put around it); for a failed poll, the failure as thrown.
     */
    static Exception reason(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException failed && failed.getCause() instanceof Exception named) {
                return named;
            }
        }
        return failure;
    }

    private boolean ours(String destinationName) {
        return topics.postings().equals(destinationName) || topics.seekers().equals(destinationName)
                || topics.feedback().equals(destinationName);
    }

    /** The names the binder gives the same headers on the service's other DLQs. */
    private static DeadLetterPublishingRecoverer.HeaderNames binderHeaderNames() {
        return DeadLetterPublishingRecoverer.HeaderNames.Builder.original()
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .keyExceptionFqcn("x-key-exception-fqcn")
                .exceptionFqcn("x-exception-fqcn")
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .exceptionMessage("x-exception-message")
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .exceptionStacktrace("x-exception-stacktrace")
                .build();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
