package org.doorstep.notifications.delivery.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A batch of matches that fails (store or broker unreachable) is retried, with back-off up to 5 s,
 * until it passes: consumer lag grows and is visible, nothing is skipped. Records that cannot be read
 * never fail the batch: {@link UnreadableRecords} parks them.
 */
@Configuration(proxyBeanMethods = false)
class MatchBatchErrorHandling {

    @Bean
    DefaultErrorHandler matchBatchErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return new DefaultErrorHandler(backOff);
    }
}
