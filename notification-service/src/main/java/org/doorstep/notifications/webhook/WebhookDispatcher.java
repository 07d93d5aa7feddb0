package org.doorstep.notifications.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each partner's due events in signed batches of at most {@code batchSize}. Per partner one
 * dispatch at a time (bulkhead); partners never wait for each other (non-blocking calls). A batch is
 * retried with back-off; after the last try its events become dead letters; while the endpoint's
 * circuit is open they simply wait. An event is marked delivered only after a 2xx.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final PartnerDeliveries deliveries;
    private final WebhookSubscriptions subscriptions;
    private final DeliveryLog deliveryLog;
    private final WebhookTransport transport;
    private final WebhookUrlGuard guard;
    private final WebhookResilience resilience;
    private final WebhookProperties settings;
    private final Clock clock;
    private final JsonMapper json;
    private final Duration lease;
    private final MeterRegistry meters;

    WebhookDispatcher(PartnerDeliveries deliveries, WebhookSubscriptions subscriptions, DeliveryLog deliveryLog,
                      WebhookTransport transport, WebhookUrlGuard guard, WebhookResilience resilience,
                      WebhookProperties settings, Clock clock, JsonMapper json, MeterRegistry meters) {
        this.meters = meters;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.deliveryLog = deliveryLog;
        this.transport = transport;
        this.guard = guard;
        this.resilience = resilience;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
        this.lease = settings.requestTimeout().multipliedBy(settings.maxAttempts() * 2L).plusSeconds(60);
    }

    @Scheduled(fixedDelayString = "${doorstep.webhooks.dispatch-interval}")
    void tick() {
        try {
            List<String> partners = deliveries.partnersWithDue(clock.instant()).collectList().block(Duration.ofSeconds(10));
            partners.forEach(this::dispatch);
        } catch (RuntimeException e) {
            log.warn("webhook dispatch tick failed, next tick retries: {}", e.toString());
        }
    }

    /** Starts sending the partner's due events unless a dispatch of that partner is running. */
    void dispatch(String partnerId) {
        Bulkhead bulkhead = resilience.bulkheadFor(partnerId);
        if (!bulkhead.tryAcquirePermission()) {
            return;
        }
        drain(partnerId)
                .doFinally(signal -> bulkhead.onComplete())
                .subscribe(null, e -> log.warn("webhook dispatch for partner {} failed: {}", partnerId, e.toString()));
    }

    private Mono<Void> drain(String partnerId) {
        return subscriptions.find(partnerId)
                .flatMap(subscription -> {
                    Instant now = clock.instant();
                    return deliveries.claim(partnerId, now, now.plus(lease), settings.batchSize()).collectList()
                            .flatMap(batch -> batch.isEmpty() ? Mono.just(false)
                                    : send(subscription, batch).thenReturn(batch.size() == settings.batchSize()));
                })
                .flatMap(full -> full ? drain(partnerId) : Mono.empty());
    }

    private Mono<Void> send(WebhookSubscriptions.Subscription subscription, List<PartnerEvent> batch) {
        String partnerId = subscription.partnerId();
        String batchId = UUID.randomUUID().toString();
        List<String> ids = batch.stream().map(PartnerEvent::eventId).toList();
        String body = body(partnerId, batchId, batch);
        CircuitBreaker circuit = resilience.circuitFor(subscription.url());
        AtomicInteger attempt = new AtomicInteger();
        Mono<Integer> call = Mono.defer(() -> {
            int number = attempt.incrementAndGet();
            long started = System.nanoTime();
            return Mono.fromCallable(() -> guard.check(subscription.url()))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(url -> post(url, subscription.signingSecret(), batchId, body))
                    .flatMap(status -> logAttempt(partnerId, batchId, ids, number, subscription.url(), status,
                            "DELIVERED", null, started).thenReturn(status))
                    .onErrorResume(e -> logAttempt(partnerId, batchId, ids, number, subscription.url(),
                            e instanceof WebhookTransport.DeliveryFailed failed ? failed.status() : null,
                            "FAILED", e.getMessage(), started).then(Mono.error(e)));
        });
        return call
                .transformDeferred(CircuitBreakerOperator.of(circuit))
                .transformDeferred(RetryOperator.of(resilience.retryFor(partnerId)))
                .then(Mono.defer(() -> deliveries.delivered(partnerId, ids, clock.instant())))
                .doOnSuccess(done -> count("delivered", ids.size()))
                .onErrorResume(CallNotPermittedException.class, e -> logAttempt(partnerId, batchId, ids, attempt.get() + 1,
                        subscription.url(), null, "POSTPONED", "circuit open", System.nanoTime())
                        .then(deliveries.postpone(partnerId, ids, clock.instant().plus(settings.circuitOpenFor())))
                        .doOnSuccess(done -> count("postponed", ids.size())))
                .onErrorResume(e -> {
                    log.info("webhook batch {} of partner {} dead after {} attempts: {}", batchId, partnerId, attempt.get(),
                            e.getMessage());
                    count("dead", ids.size());
                    return deliveries.dead(partnerId, ids, e.getMessage(), clock.instant());
                });
    }

    private void count(String outcome, int events) {
        meters.counter("doorstep.notifications.webhook.events", "outcome", outcome).increment(events);
    }

    private Mono<Integer> post(URI url, String secret, String batchId, String body) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body),
                WebhookSignature.DELIVERY_HEADER, batchId);
        return transport.post(url, headers, body, settings.requestTimeout());
    }

    private String body(String partnerId, String batchId, List<PartnerEvent> batch) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("partnerId", partnerId);
        envelope.put("batchId", batchId);
        envelope.put("events", batch.stream().map(event -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", event.eventId());
            entry.put("type", event.type());
            entry.put("createdAt", event.createdAt().toString());
            entry.put("data", json.readTree(event.data()));
            return entry;
        }).toList());
        return json.writeValueAsString(envelope);
    }

    private Mono<Void> logAttempt(String partnerId, String batchId, List<String> ids, int attempt, String url,
                                  Integer status, String outcome, String error, long startedNanos) {
        long millis = Math.max(0, (System.nanoTime() - startedNanos) / 1_000_000);
        return deliveryLog.record(new DeliveryLog.Attempt(partnerId, batchId, ids, attempt, url, status, outcome, error,
                millis, clock.instant()));
    }
}
