package org.doorstep.postings.controls.web;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.controls.AuditEntry;
import org.doorstep.postings.controls.app.PartnerControls;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.Quota;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import org.doorstep.postings.web.PrintableText;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Operators set partners' quotas, suspend and reinstate partners; operators and auditors read the audit trail. */
@RestController
@Tag(name = "Partner controls", description = "Quotas, suspension and the audit trail (operator token; auditors read)")
class PartnerControlsController {

    private static final int MAX_REASON = 500;
    private static final int MAX_PAGE = 200;

    private final PartnerControls controls;

    PartnerControlsController(PartnerControls controls) {
        this.controls = controls;
    }

    record QuotaRequest(Integer limitForPeriod, String period) {
    }

    record QuotaView(int limitForPeriod, Duration period) {
    }

    record ControlledPartner(String partnerId, String status, long version, QuotaView quota, Instant updatedAt) {

        static ControlledPartner of(Partner p) {
            return new ControlledPartner(p.partnerId(), p.status().name(), p.version(),
                    p.quota() == null ? null : new QuotaView(p.quota().limitForPeriod(), p.quota().period()),
                    p.updatedAt());
        }
    }

    record ReasonRequest(String reason) {
    }

    record SuspensionView(String partnerId, String status, long version, long postingsChanged) {
    }

    record AuditPage(List<AuditEntry> items, String nextCursor) {
    }

    @Operation(summary = "Set a partner's own rate limit (limitForPeriod requests per period, an ISO-8601 duration)")
    @PutMapping("/api/v1/partners/{partnerId}/quota")
    Mono<ControlledPartner> setQuota(@PathVariable String partnerId,
                                     @RequestBody(required = false) QuotaRequest body, ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> quota(body))
                .flatMap(quota -> actor(exchange).flatMap(actor -> controls.setQuota(actor, partnerId, quota)))
                .map(ControlledPartner::of);
    }

    @Operation(summary = "Remove a partner's own rate limit: the service's default applies again")
    @DeleteMapping("/api/v1/partners/{partnerId}/quota")
    Mono<ControlledPartner> removeQuota(@PathVariable String partnerId, ServerWebExchange exchange) {
        return actor(exchange).flatMap(actor -> controls.setQuota(actor, partnerId, null)).map(ControlledPartner::of);
    }

    @Operation(summary = "Suspend a partner: its keys are refused (403), its open postings close (closedReason "
            + "SUSPENDED); repeating it changes nothing more")
    @PostMapping("/api/v1/partners/{partnerId}/suspension")
    Mono<SuspensionView> suspend(@PathVariable String partnerId, @RequestBody(required = false) ReasonRequest body,
                                 ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> reason(body))
                .flatMap(reason -> actor(exchange).flatMap(actor -> controls.suspend(actor, partnerId, reason)))
                .map(s -> new SuspensionView(s.partner().partnerId(), s.partner().status().name(),
                        s.partner().version(), s.postingsChanged()));
    }

    @Operation(summary = "Reinstate a suspended partner: its keys work again, the postings the suspension closed reopen")
    @DeleteMapping("/api/v1/partners/{partnerId}/suspension")
    Mono<SuspensionView> reinstate(@PathVariable String partnerId,
                                   @Parameter(description = "why, for the audit trail")
                                   @RequestParam(required = false) String reason, ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> reason(new ReasonRequest(reason)))
                .flatMap(r -> actor(exchange).flatMap(actor -> controls.reinstate(actor, partnerId, r)))
                .map(s -> new SuspensionView(s.partner().partnerId(), s.partner().status().name(),
                        s.partner().version(), s.postingsChanged()));
    }

    /** A nextCursor of the audit trail: the id of the entry a page ended at, its time in milliseconds and a UUID. */
    private static final Pattern AUDIT_CURSOR = Pattern.compile("\\d{13}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Operation(summary = "The audit trail of operator actions on partners, oldest first, with cursor paging")
    @GetMapping("/api/v1/audit")
    Mono<AuditPage> audit(@RequestParam(required = false) String cursor,
                          @RequestParam(required = false) Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_PAGE) {
            return Mono.error(new InvalidRequest(List.of(new Violation("limit", "must be between 1 and " + MAX_PAGE))));
        }
        if (cursor != null && !AUDIT_CURSOR.matcher(cursor).matches()) {
            return Mono.error(new InvalidRequest(List.of(new Violation("cursor", "must be a nextCursor of this list"))));
        }
        return controls.trail(cursor, size + 1).collectList().map(found -> {
            List<AuditEntry> items = found.stream().limit(size).toList();
            return new AuditPage(items, found.size() > size ? items.getLast().entryId() : null);
        });
    }

    private static Mono<String> actor(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("unknown");
    }

    private static Quota quota(QuotaRequest body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null) {
            throw new InvalidRequest(List.of(new Violation("$", "a JSON body {limitForPeriod, period} is required")));
        }
        if (body.limitForPeriod() == null || body.limitForPeriod() < 1 || body.limitForPeriod() > Quota.MAX_LIMIT) {
            violations.add(new Violation("limitForPeriod", "must be between 1 and " + Quota.MAX_LIMIT));
        }
        Duration period = null;
        try {
            period = body.period() == null ? null : Duration.parse(body.period());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (period == null || period.compareTo(Quota.MIN_PERIOD) < 0 || period.compareTo(Quota.MAX_PERIOD) > 0) {
            violations.add(new Violation("period", "must be an ISO-8601 duration from " + Quota.MIN_PERIOD + " to "
                    + Quota.MAX_PERIOD + ", such as PT1S or PT1M"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        return new Quota(body.limitForPeriod(), period);
    }

    private static String reason(ReasonRequest body) {
        String reason = body == null ? null : body.reason();
        String problem = reason == null || reason.isBlank() ? "must not be blank (it goes to the audit trail)"
                : reason.length() > MAX_REASON ? "must be at most " + MAX_REASON + " characters"
                : PrintableText.textProblem(reason, false);
        if (problem != null) {
            throw new InvalidRequest(List.of(new Violation("reason", problem)));
        }
        return reason.strip();
    }
}
