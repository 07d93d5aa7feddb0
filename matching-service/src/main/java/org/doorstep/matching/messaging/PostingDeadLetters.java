package org.doorstep.matching.messaging;

import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of the postings binding, which consumes in batches: the binder's own dead-lettering
 * would send a failed poll's every record to the DLQ, so it is moved to the container's error handler, which
 * sends only the record the listener names ({@code BatchListenerFailedException}): at once when it is an
 * {@link UnreadableEvent}, after the binding's attempts and back-off otherwise; the records before it are
 * committed and the ones after it read again. A failure of the whole poll (the store or broker away) is retried
 * the same way, then its records go to the DLQ, as each record's would in record mode. The DLQ records keep the
 * binder's header names ({@code x-original-*}, {@code x-exception-*}), so every DLQ of the service reads alike.
 * The other bindings keep the binder's retries and DLQ.
 */
@Component
class PostingDeadLetters implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    private final Topics topics;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

    PostingDeadLetters(Topics topics, @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        this.topics = topics;
        this.producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.CLIENT_ID_CONFIG, "matching-service-postings-dlq"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
                          BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                          BackOff backOff) {
        if (!postings(destinationName) || dlqDestinationResolver == null) {
            return;
        }
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                dlqDestinationResolver);
        recoverer.setHeaderNamesSupplier(PostingDeadLetters::binderHeaderNames);
        ConsumerAwareRecordRecoverer withReason = (record, consumer, failure) -> recoverer.accept(record, consumer, reason(failure));
        DefaultErrorHandler handler = new DefaultErrorHandler(withReason, backOff == null ? new FixedBackOff(0, 0) : backOff);
        handler.addNotRetryableExceptions(UnreadableEvent.class);
        container.setCommonErrorHandler(handler);
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return !postings(destinationName);
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

    private boolean postings(String destinationName) {
        return topics.postings().equals(destinationName);
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
