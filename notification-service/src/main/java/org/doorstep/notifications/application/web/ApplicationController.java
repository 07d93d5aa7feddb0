package org.doorstep.notifications.application.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.doorstep.notifications.application.Application;
import org.doorstep.notifications.application.ApplicationService;
import org.doorstep.notifications.application.ApplicationStatus;
import org.doorstep.notifications.problem.InvalidRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applications: the seeker applies to a match, sees the status of each application and withdraws one; the posting's
 * partner fetches the packet and reports outcomes. Always the caller's own applications (another's are "not found").
 */
@RestController
class ApplicationController {

    /** What a match's or an application's id can be: not percent-decoded bytes, Unicode tricks or a page of text. */
    static final String ID = "[\\x21-\\x7E]{1,200}";
    static final String ID_RULE = "must be an id: 1 to 200 printable ASCII characters";
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 50;
    private static final String LIMIT_RULE = "must be between 1 and " + MAX_PAGE;

    private final ApplicationService applications;
    private final JsonMapper json;

    ApplicationController(ApplicationService applications, JsonMapper json) {
        this.applications = applications;
        this.json = json;
    }

    /** {@code share}: which profile fields (default all four); {@code shareContact}: name and contact, consented now. */
    record ApplyRequest(Boolean shareContact, List<String> share) {
    }

    /** The answer to apply: the feedback recorded (as before) and the application. */
    record Applied(String matchId, String feedback, String at, ApplicationView application) {
    }

    record Step(String status, String at) {
    }

    record ApplicationView(String applicationId, String matchId, String postingId, String title, String status,
                           List<String> share, boolean shareContact, String contactConsentAt, List<Step> history,
                           String createdAt, String updatedAt, String postingClosedAt) {
        static ApplicationView of(Application a) {
            return new ApplicationView(a.applicationId(), a.matchId(), a.postingId(), a.title(), a.status().wire(),
                    a.share(), a.shareContact(), a.contactConsentAt() == null ? null : a.contactConsentAt().toString(),
                    steps(a), a.createdAt().toString(), a.updatedAt().toString(),
                    a.postingClosedAt() == null ? null : a.postingClosedAt().toString());
        }
    }

    record PartnerView(String applicationId, String matchId, String seekerId, String postingId, String status,
                       List<Step> history, JsonNode packet) {
    }

    record Items<T>(List<T> items) {
    }

    record OutcomeRequest(String outcome) {
    }

    /** The seeker applies to the posting of one of their matches and chooses what the partner gets. */
    @PostMapping(path = "/api/v1/me/matches/{matchId}/apply", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Applied> apply(Principal seeker, @PathVariable @Pattern(regexp = ID, message = ID_RULE) String matchId,
                        @RequestBody(required = false) ApplyRequest request) {
        ApplicationService.Choice choice = choice(request);
        return applications.apply(seeker.getName(), matchId, choice)
                .map(a -> new Applied(matchId, "APPLIED", a.createdAt().toString(), ApplicationView.of(a)));
    }

    @GetMapping(path = "/api/v1/me/applications", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Items<ApplicationView>> mine(Principal seeker) {
        return applications.ofSeeker(seeker.getName()).map(ApplicationView::of).collectList().map(Items::new);
    }

    @GetMapping(path = "/api/v1/me/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ApplicationView> one(Principal seeker, @PathVariable @Pattern(regexp = ID, message = ID_RULE) String applicationId) {
        return applications.forSeeker(seeker.getName(), applicationId).map(ApplicationView::of);
    }

    /** Withdraws the application: the partner is told and the packet is removed. */
    @DeleteMapping(path = "/api/v1/me/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ApplicationView> withdraw(Principal seeker, @PathVariable @Pattern(regexp = ID, message = ID_RULE) String applicationId) {
        return applications.withdraw(seeker.getName(), applicationId).map(ApplicationView::of);
    }

    record PartnerPageView(List<PartnerView> items, String nextCursor) {
    }

    /** The partner's applications with their packets, newest first (a partner without a webhook finds them here). */
    @GetMapping(path = "/api/v1/partner/applications", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PartnerPageView> partnerApplications(Principal partner,
                                              @RequestParam(required = false) @Pattern(regexp = ID, message = ID_RULE) String cursor,
                                              @RequestParam(required = false) @Min(value = 1, message = LIMIT_RULE)
                                              @Max(value = MAX_PAGE, message = LIMIT_RULE) Integer limit) {
        return applications.ofPartner(partner.getName(), cursor, limit == null ? DEFAULT_PAGE : limit)
                .map(page -> new PartnerPageView(page.items().stream().map(this::partnerView).toList(), page.nextCursor()));
    }

    /** The packet and status of one of the partner's applications. */
    @GetMapping(path = "/api/v1/partner/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PartnerView> packet(Principal partner, @PathVariable @Pattern(regexp = ID, message = ID_RULE) String applicationId) {
        return applications.forPartner(partner.getName(), applicationId).map(this::partnerView);
    }

    /** The partner reports what happened: viewed, interview, offer, hired or rejected. */
    @PostMapping(path = "/api/v1/partner/applications/{applicationId}/outcome", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PartnerView> outcome(Principal partner, @PathVariable @Pattern(regexp = ID, message = ID_RULE) String applicationId,
                              @RequestBody(required = false) OutcomeRequest request) {
        ApplicationStatus outcome = outcome(request);
        return applications.outcome(partner.getName(), applicationId, outcome).map(this::partnerView);
    }

    private PartnerView partnerView(Application a) {
        return new PartnerView(a.applicationId(), a.matchId(), a.seekerId(), a.postingId(), a.status().wire(), steps(a),
                a.packet() == null ? null : json.readTree(a.packet()));
    }

    private static List<Step> steps(Application a) {
        return a.history().stream().map(s -> new Step(s.status().wire(), s.at().toString())).toList();
    }

    private static ApplicationService.Choice choice(ApplyRequest request) {
        if (request == null || request.share() == null) {
            return new ApplicationService.Choice(ApplicationService.SHAREABLE,
                    request != null && Boolean.TRUE.equals(request.shareContact()));
        }
        LinkedHashSet<String> share = new LinkedHashSet<>();
        for (int i = 0; i < request.share().size(); i++) {
            String field = request.share().get(i);
            if (field == null || !ApplicationService.SHAREABLE.contains(field)) {
                throw new InvalidRequest("share[" + i + "]", "must be one of " + ApplicationService.SHAREABLE);
            }
            share.add(field);
        }
        return new ApplicationService.Choice(new ArrayList<>(share), Boolean.TRUE.equals(request.shareContact()));
    }

    private static ApplicationStatus outcome(OutcomeRequest request) {
        String value = request == null ? null : request.outcome();
        try {
            ApplicationStatus status = ApplicationStatus.valueOf(value == null ? "" : value.toUpperCase(Locale.ROOT));
            if (ApplicationStatus.OUTCOMES.contains(status) && status.wire().equals(value)) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidRequest("outcome", "must be one of viewed, interview, offer, hired, rejected");
    }
}
