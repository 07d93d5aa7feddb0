package org.doorstep.notifications.platform.messaging;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.doorstep.notifications.platform.store.StoreOutage;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of the copy bindings ({@code copyPreferences}, {@code copyPartner}) in the listener
 * containers' error handlers rather than the binder's. A record that fails on its own still goes to the binding's
 * DLQ after the binding's attempts, with the binder's header names ({@code x-original-*}, {@code x-exception-*}).
 * A failure because the store or the broker is away is no fault of the record: it is retried with back-off (up to
 * 5 s apart) until it passes, as {@code deliverMatch} does. Before, the binder's three attempts ran out within a
 * second of a store outage and sent every preference and partner change consumed during it to the DLQ: the copy
 * never learnt them (found by the system test {@code StoreOutageSystemTest}).
 */
@Component
class CopyDeadLetters implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private final Set<String> destinations;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

    CopyDeadLetters(@Value("${spring.cloud.stream.bindings.copyPreferences-in-0.destination}") String preferences,
                    @Value("${spring.cloud.stream.bindings.copyPartner-in-0.destination}") String partners,
                    KafkaProperties kafka) {
        this.destinations = Set.of(preferences, partners);
        this.producers = new DefaultKafkaProducerFactory<>(KafkaProducers.config(kafka, "notification-service-copy-dlq", Map.of()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                          BackOff backOff) {
        if (!destinations.contains(destinationName) || dlqDestinationResolver == null) {
            return;
        }
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                dlqDestinationResolver);
        recoverer.setHeaderNamesSupplier(CopyDeadLetters::binderHeaderNames);
        ConsumerAwareRecordRecoverer withReason = (record, consumer, failure) -> recoverer.accept(record, consumer, reason(failure));
        DefaultErrorHandler handler = new DefaultErrorHandler(withReason, backOff == null ? new FixedBackOff(0, 0) : backOff);
        BackOff untilBack = untilBack();
        handler.setBackOffFunction((record, failure) -> storeOrBrokerAway(failure) ? untilBack : null);
        container.setCommonErrorHandler(handler);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return !destinations.contains(destinationName);
    }

    static boolean storeOrBrokerAway(Throwable failure) {
        if (StoreOutage.causes(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetriableException || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** 200 ms, doubling up to 5 s apart, with no last attempt. */
    private static BackOff untilBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return backOff;
    }

    /** The listener's own failure, without the container's and the binder's wrappers, as the binder's DLQ tells it. */
    private static Exception reason(Exception failure) {
        Throwable reason = failure;
        while ((reason instanceof ListenerExecutionFailedException || reason instanceof MessagingException)
                && reason.getCause() != null) {
            reason = reason.getCause();
        }
        return reason instanceof Exception exception ? exception : failure;
    }

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
