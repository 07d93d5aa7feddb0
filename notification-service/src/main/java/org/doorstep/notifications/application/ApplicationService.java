package org.doorstep.notifications.application;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.doorstep.notifications.application.ApplicationStore.Channel;
import org.doorstep.notifications.application.ApplicationStore.PendingEvent;
import org.doorstep.notifications.delivery.SeekerErasure;
import org.doorstep.notifications.problem.InvalidRequest;
import org.doorstep.notifications.problem.NotFound;
import org.doorstep.notifications.feedback.FeedbackConflict;
import org.doorstep.notifications.feedback.FeedbackService;
import org.doorstep.notifications.inbox.InboxStore;
import org.doorstep.notifications.webhook.PartnerDeliveries;
import org.doorstep.notifications.webhook.PartnerEvent;
import org.doorstep.notifications.webhook.WebhookSubscriptions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applications from match to outcome. The seeker applies to a match in the inbox and chooses what to share; the
 * request (no personal data) goes to seekers-service, which alone reads the profile and answers with the packet; the
 * packet goes to the posting's partner as the signed webhook event {@code application.submitted}, and the partner can
 * fetch it. The partner reports outcomes, which go to the seeker (status) and to matching ({@code match.outcome.v1}).
 * A withdrawal, by the seeker or by erasure, tells the partner ({@code application.withdrawn}) and drops the packet.
 */
@Service
public class ApplicationService implements SeekerErasure.ErasureParticipant {

    public static final String REQUESTED = "org.doorstep.application.requested.v1";
    public static final String WITHDRAWN = "org.doorstep.application.withdrawn.v1";
    public static final String OUTCOME = "org.doorstep.match.outcome.v1";
    /** The profile fields a seeker may share; name and contact only with {@code shareContact}. */
    public static final List<String> SHAREABLE = List.of("skills", "experience", "education", "languages");

    private final ApplicationStore applications;
    private final InboxStore inbox;
    private final FeedbackService feedback;
    private final PartnerDeliveries deliveries;
    private final WebhookSubscriptions subscriptions;
    private final Clock clock;
    private final JsonMapper json;

    ApplicationService(ApplicationStore applications, InboxStore inbox, FeedbackService feedback,
                       PartnerDeliveries deliveries, WebhookSubscriptions subscriptions, Clock clock, JsonMapper json) {
        this.applications = applications;
        this.inbox = inbox;
        this.feedback = feedback;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.json = json;
    }

    /** What the seeker chose to share: some of {@link #SHAREABLE}, and name and contact only if {@code shareContact}. */
    public record Choice(List<String> share, boolean shareContact) {
    }

    /** Applies to one of the seeker's own matches; a repeat answers the application made first. */
    public Mono<Application> apply(String seekerId, String matchId, Choice choice) {
        Instant now = now();
        return inbox.find(seekerId, matchId, now)
                .switchIfEmpty(Mono.error(() -> new NotFound("match " + matchId)))
                .flatMap(item -> {
                    if (FeedbackService.Kind.DISMISSED.name().equals(item.feedback())) {
                        return Mono.error(FeedbackConflict.dismissed(matchId));
                    }
                    String applicationId = Application.idFor(matchId);
                    Instant consent = choice.shareContact() ? now : null;
                    Application application = new Application(applicationId, 1, seekerId, matchId,
                            item.match().postingId(), item.match().posting().partnerId(), item.match().posting().title(),
                            choice.share(), choice.shareContact(), consent, ApplicationStatus.REQUESTED,
                            List.of(new Application.Step(ApplicationStatus.REQUESTED, now)), item.match().matchedAt(),
                            null, now, now, null);
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("applicationId", applicationId);
                    data.put("matchId", matchId);
                    data.put("seekerId", seekerId);
                    data.put("postingId", application.postingId());
                    data.put("partnerId", application.partnerId());
                    data.put("share", choice.share());
                    data.put("shareContact", choice.shareContact());
                    data.put("contactConsentAt", consent == null ? null : consent.toString());
                    data.put("requestedAt", now.toString());
                    return applications.create(application, List.of(event(applicationId, Channel.REQUESTS, applicationId,
                                    REQUESTED, data, now)))
                            .then(feedback.give(seekerId, matchId, FeedbackService.Kind.APPLIED))
                            .then(applications.find(applicationId));
                });
    }

    public Flux<Application> ofSeeker(String seekerId) {
        return applications.ofSeeker(seekerId);
    }

    /** The seeker's own application, or not found. */
    public Mono<Application> forSeeker(String seekerId, String applicationId) {
        return applications.find(applicationId).filter(a -> seekerId.equals(a.seekerId()))
                .switchIfEmpty(Mono.error(() -> new NotFound("application " + applicationId)));
    }

    /** A page of the partner's applications, newest first, and the cursor of the next (null on the last). */
    public record PartnerPage(List<Application> items, String nextCursor) {
    }

    /**
     * The partner's applications, newest first, after {@code cursor} (an application id of a page this returned; one
     * that is not the partner's is a 400 naming {@code cursor}).
     */
    public Mono<PartnerPage> ofPartner(String partnerId, String cursor, int limit) {
        return applications.ofPartner(partnerId, cursor, limit + 1)
                .switchIfEmpty(Mono.error(() -> new InvalidRequest("cursor", "is not a nextCursor of this list")))
                .map(found -> found.size() > limit
                        ? new PartnerPage(found.subList(0, limit), found.get(limit - 1).applicationId())
                        : new PartnerPage(found, null));
    }

    /** The partner's own application, or not found. */
    public Mono<Application> forPartner(String partnerId, String applicationId) {
        return applications.find(applicationId).filter(a -> partnerId.equals(a.partnerId()))
                .switchIfEmpty(Mono.error(() -> new NotFound("application " + applicationId)));
    }

    /**
     * The packet arrived from seekers-service: kept for the partner to fetch and queued for its webhook. A packet for
     * an application withdrawn meanwhile (or a repeat) is dropped.
     */
    public Mono<Void> packetArrived(String applicationId, String packet) {
        Instant now = now();
        return change(applicationId, current -> current.status() != ApplicationStatus.REQUESTED ? null
                        : new Changed(current.moveTo(ApplicationStatus.SUBMITTED, now, packet), List.of()))
                .flatMap(submitted -> subscriptions.find(submitted.partnerId())
                        .flatMap(subscription -> deliveries.addToAudience(submitted.seekerId(), submitted.partnerId())
                                .then(deliveries.enqueue(new PartnerEvent(submitted.partnerId(), "submitted:" + applicationId,
                                        "application.submitted", submitted.seekerId(), submitted.matchId(), packet, now)))))
                .then();
    }

    /** The seeker withdraws: the partner is told, the packet is dropped here and (a tombstone) in seekers-service's topic. */
    public Mono<Application> withdraw(String seekerId, String applicationId) {
        Instant now = now();
        return forSeeker(seekerId, applicationId)
                .flatMap(found -> change(applicationId, current -> {
                    if (current.status() == ApplicationStatus.WITHDRAWN) {
                        return null;
                    }
                    if (current.status().isFinal()) {
                        throw new ApplicationClosed(applicationId, "is closed: " + current.status().wire()
                                + "; it can no longer be withdrawn");
                    }
                    return new Changed(current.moveTo(ApplicationStatus.WITHDRAWN, now, null), List.of(event(applicationId,
                            Channel.REQUESTS, applicationId, WITHDRAWN, Map.of("applicationId", applicationId,
                                    "seekerId", seekerId, "withdrawnAt", now.toString()), now)));
                })
                        .flatMap(withdrawn -> tellWithdrawn(withdrawn, "SEEKER", now)
                                // the match is the seeker's to dismiss again, now that nothing is asked of it
                                .then(inbox.markFeedback(withdrawn.matchId(), null)).thenReturn(withdrawn))
                        .switchIfEmpty(applications.find(applicationId)));
    }

    /** The partner reports an outcome; the seeker sees it as the status, and matching gets {@code match.outcome.v1}. */
    public Mono<Application> outcome(String partnerId, String applicationId, ApplicationStatus outcome) {
        Instant now = now();
        return forPartner(partnerId, applicationId)
                .flatMap(found -> change(applicationId, current -> {
                    if (current.status() == outcome) {
                        return null;
                    }
                    String refused = current.status().refusesOutcome(outcome);
                    if (refused != null) {
                        throw new ApplicationClosed(applicationId, refused);
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("applicationId", applicationId);
                    data.put("matchId", current.matchId());
                    data.put("seekerId", current.seekerId());
                    data.put("postingId", current.postingId());
                    data.put("partnerId", current.partnerId());
                    data.put("outcome", outcome.name());
                    data.put("matchedAt", current.matchedAt());
                    data.put("at", now.toString());
                    return new Changed(current.moveTo(outcome, now, current.packet()),
                            List.of(event(applicationId, Channel.FEEDBACK, current.matchId(), OUTCOME, data, now)));
                }).switchIfEmpty(applications.find(applicationId)));
    }

    /**
     * Erasure: each open application is withdrawn (the partner is told, with nothing but the application's and the
     * posting's ids), and every application keeps only a tombstone without the seeker, the match or the packet.
     */
    @Override
    public void erase(String seekerId) {
        Instant now = now();
        List<Application> all = applications.ofSeeker(seekerId).collectList().block();
        for (Application application : all == null ? List.<Application>of() : all) {
            if (application.status() != ApplicationStatus.WITHDRAWN) {
                Application anonymous = new Application(application.applicationId(), application.version(), null, null,
                        application.postingId(), application.partnerId(), null, List.of(), false, null,
                        application.status(), List.of(), null, null, application.createdAt(), now, null);
                tellWithdrawn(anonymous, "SEEKER_ERASED", now).block();
            }
        }
        applications.erase(seekerId, now).block();
    }

    private Mono<Void> tellWithdrawn(Application application, String reason, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("applicationId", application.applicationId());
        if (application.matchId() != null) {
            data.put("matchId", application.matchId());
            data.put("seekerId", application.seekerId());
        }
        data.put("postingId", application.postingId());
        data.put("reason", reason);
        data.put("withdrawnAt", now.toString());
        return subscriptions.find(application.partnerId())
                .flatMap(subscription -> deliveries.enqueue(new PartnerEvent(application.partnerId(),
                        "withdrawn:" + application.applicationId(), "application.withdrawn", application.seekerId(),
                        application.matchId(), json.writeValueAsString(data), now)));
    }

    private record Changed(Application after, List<PendingEvent> events) {
    }

    /** Read, decide, write at the version read; a change in between is decided again. Empty when nothing changed. */
    private Mono<Application> change(String applicationId, Function<Application, Changed> decide) {
        return Mono.defer(() -> applications.find(applicationId)
                        .flatMap(current -> {
                            Changed changed = decide.apply(current);
                            if (changed == null) {
                                return Mono.<Application>empty();
                            }
                            return applications.replace(changed.after(), changed.events())
                                    .flatMap(written -> written ? Mono.just(changed.after())
                                            : Mono.error(new ConcurrentChange()));
                        }))
                .retryWhen(Retry.max(5).filter(ConcurrentChange.class::isInstance));
    }

    private PendingEvent event(String applicationId, Channel channel, String key, String type, Map<String, Object> data,
                               Instant now) {
        return new PendingEvent(applicationId, UUID.randomUUID().toString(), channel, key, type,
                json.writeValueAsString(data), now.toString());
    }

    private Instant now() {
        return clock.instant(); // the clock ticks in milliseconds, as the store keeps times
    }

    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("application changed meanwhile", null, false, false);
        }
    }
}
