package org.doorstep.notifications.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;

/** POSTs one signed batch; emits the 2xx status or fails with {@link DeliveryFailed}. */
public interface WebhookTransport {

    Mono<Integer> post(URI url, Map<String, String> headers, String body, Duration timeout);

    /** A non-2xx answer or no answer; {@code retryable} is false for 4xx other than 408 and 429. */
    class DeliveryFailed extends RuntimeException {

        private final Integer status;
        private final boolean retryable;

        public DeliveryFailed(Integer status, boolean retryable, String message) {
            super(message);
            this.status = status;
            this.retryable = retryable;
        }

        public Integer status() {
            return status;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
