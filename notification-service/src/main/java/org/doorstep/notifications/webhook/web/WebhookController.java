package org.doorstep.notifications.webhook.web;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.doorstep.notifications.problem.InvalidRequest;
import org.doorstep.notifications.problem.NotFound;
import org.doorstep.notifications.webhook.DeliveryLog;
import org.doorstep.notifications.webhook.PartnerDeliveries;
import org.doorstep.notifications.webhook.WebhookResilience;
import org.doorstep.notifications.webhook.WebhookSignature;
import org.doorstep.notifications.webhook.WebhookSubscriptions;
import org.doorstep.notifications.webhook.WebhookUrlGuard;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A partner's own webhook: registration, dead letters and replay, the delivery log. Always the caller's own data. */
@RestController
class WebhookController {

    private final WebhookSubscriptions subscriptions;
    private final PartnerDeliveries deliveries;
    private final DeliveryLog deliveryLog;
    private final WebhookUrlGuard guard;
    private final WebhookResilience resilience;
    private final Clock clock;

    WebhookController(WebhookSubscriptions subscriptions, PartnerDeliveries deliveries, DeliveryLog deliveryLog,
                      WebhookUrlGuard guard, WebhookResilience resilience, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.deliveryLog = deliveryLog;
        this.guard = guard;
        this.resilience = resilience;
        this.clock = clock;
    }

    record WebhookRequest(@NotBlank @Size(max = 2048) String url) {
    }

    record Registered(String url, String signingSecret) {
    }

    record WebhookView(String url, String registeredAt, String circuit) {
    }

    /** Registers (or replaces) the webhook; the signing secret is returned here only, a new one each time. */
    @PutMapping(path = "/api/v1/partner/webhook", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Registered> register(Principal partner, @Valid @RequestBody WebhookRequest request) {
        return Mono.fromCallable(() -> guard.check(request.url()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(url -> {
                    String secret = WebhookSignature.newSecret();
                    return subscriptions.save(new WebhookSubscriptions.Subscription(partner.getName(), url.toString(),
                            secret, clock.instant())).thenReturn(new Registered(url.toString(), secret));
                });
    }

    /**
     * Removes the webhook: nothing more is queued for the partner from now on (events already queued stay until the
     * log's retention, and go out if the partner registers a webhook again before then).
     */
    @DeleteMapping(path = "/api/v1/partner/webhook")
    Mono<ResponseEntity<Void>> remove(Principal partner) {
        return subscriptions.remove(partner.getName())
                .flatMap(removed -> removed ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(new NotFound("webhook")));
    }

    @GetMapping(path = "/api/v1/partner/webhook", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<WebhookView> show(Principal partner) {
        return subscriptions.find(partner.getName())
                .switchIfEmpty(Mono.error(() -> new NotFound("webhook")))
                .map(s -> new WebhookView(s.url(), s.registeredAt().toString(),
                        resilience.circuitFor(s.url()).getState().name()));
    }

    /** {@code data} is the event's data as stored (a JSON object), written as it is. */
    record DeadLetterView(String eventId, String type, String matchId,
                          @JsonRawValue @Schema(types = "object", description = "the event's data, as it was sent")
                          String data, String lastError,
                          String failedAt, String createdAt) {
    }

    record Items<T>(List<T> items) {
    }

    @GetMapping(path = "/api/v1/partner/webhook/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Items<DeadLetterView>> deadLetters(Principal partner, @RequestParam(defaultValue = "100") int limit) {
        return deliveries.deadLetters(partner.getName(), bounded(limit))
                .map(d -> new DeadLetterView(d.eventId(), d.type(), d.matchId(), d.data(), d.lastError(),
                        d.failedAt().toString(), d.createdAt().toString()))
                .collectList().map(Items::new);
    }

    record ReplayRequest(List<String> eventIds) {
    }

    record Replayed(long replayed) {
    }

    /** Queues dead letters again (the listed ones, or all); they are delivered like new events. */
    @PostMapping(path = "/api/v1/partner/webhook/dead-letters/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Replayed> replay(Principal partner, @RequestBody(required = false) ReplayRequest request) {
        List<String> ids = request == null || request.eventIds() == null ? List.of() : request.eventIds();
        return deliveries.replay(partner.getName(), ids, clock.instant()).map(Replayed::new);
    }

    @GetMapping(path = "/api/v1/partner/webhook/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Items<DeliveryLog.Attempt>> deliveries(Principal partner, @RequestParam(defaultValue = "100") int limit) {
        return deliveryLog.recent(partner.getName(), bounded(limit)).collectList().map(Items::new);
    }

    private static int bounded(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequest("limit", "must be between 1 and 1000");
        }
        return limit;
    }
}
