package org.doorstep.postings.controls.app;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.doorstep.postings.controls.AuditAction;
import org.doorstep.postings.controls.AuditEntry;
import org.doorstep.postings.controls.AuditTrail;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.Quota;
import org.doorstep.postings.partner.app.PartnerService;
import org.doorstep.postings.posting.app.PostingService;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What operators do to partners beyond registering them: quotas, suspension and reinstatement; each action that
 * succeeds is written to the audit trail with the operator who did it.
 * <p>
 * Suspension refuses the partner's keys (403) and closes its open postings (closedReason SUSPENDED): their
 * {@code posting.closed} events take them out of matching, and out of the feed as tombstones, as any close does;
 * the partner's {@code partner.upserted} event says SUSPENDED. Reinstatement reopens what the suspension closed
 * (not what expired meanwhile). Both may be repeated: a repeat finishes what an interrupted one left.
 */
@Service
public class PartnerControls {

    private final PartnerService partners;
    private final PostingService postings;
    private final AuditTrail audit;
    private final Clock clock;

    PartnerControls(PartnerService partners, PostingService postings, AuditTrail audit, Clock clock) {
        this.partners = partners;
        this.postings = postings;
        this.audit = audit;
        this.clock = clock;
    }

    public record Suspension(Partner partner, long postingsChanged) {
    }

    public Mono<Partner> setQuota(String actor, String partnerId, Quota quota) {
        return partners.setQuota(partnerId, quota).flatMap(p -> record(actor, quota == null
                ? AuditAction.QUOTA_REMOVED : AuditAction.QUOTA_SET, partnerId, quota == null ? null
                : quota.limitForPeriod() + " per " + quota.period()).thenReturn(p));
    }

    public Mono<Suspension> suspend(String actor, String partnerId, String reason) {
        return partners.suspend(partnerId)
                .flatMap(p -> postings.closeForSuspension(partnerId).map(closed -> new Suspension(p, closed)))
                .flatMap(s -> record(actor, AuditAction.PARTNER_SUSPENDED, partnerId,
                        reason + " (" + s.postingsChanged() + " open posting(s) closed)").thenReturn(s));
    }

    public Mono<Suspension> reinstate(String actor, String partnerId, String reason) {
        return partners.reinstate(partnerId)
                .flatMap(p -> postings.reopenAfterSuspension(partnerId).map(opened -> new Suspension(p, opened)))
                .flatMap(s -> record(actor, AuditAction.PARTNER_REINSTATED, partnerId,
                        reason + " (" + s.postingsChanged() + " posting(s) reopened)").thenReturn(s));
    }

    public Flux<AuditEntry> trail(String afterEntryId, int limit) {
        return audit.page(afterEntryId, limit);
    }

    private Mono<AuditEntry> record(String actor, AuditAction action, String partnerId, String detail) {
        Instant now = clock.instant();
        String entryId = String.format("%013d-%s", now.toEpochMilli(), UUID.randomUUID());
        return audit.append(new AuditEntry(entryId, now, actor, action, partnerId, detail));
    }
}
