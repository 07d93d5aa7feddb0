package org.doorstep.postings.partner.web;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.doorstep.postings.openapi.ApiExamples;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.partner.Partner;
import org.doorstep.postings.partner.app.PartnerService;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import org.doorstep.postings.web.PrintableText;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Operators register partner job boards and manage their API keys. */
@RestController
@Tag(name = "Partners", description = "Partner job boards and their API keys (operator token; auditors may read)")
class PartnerController {

    private static final int MAX_NAME = 200;
    private static final int MAX_PAGE = 200;
    /** A nextCursor of the list: the id of the partner a page ended at (ids are UUIDs). */
    private static final Violation NOT_A_CURSOR = new Violation("cursor", "must be a nextCursor of this list");
    private static final Pattern PARTNER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PartnerService partners;

    PartnerController(PartnerService partners) {
        this.partners = partners;
    }

    record RegisterPartner(String name, String contactEmail) {
    }

    record IssuedKeyResponse(String partnerId, String name, String keyId, String apiKey) {
    }

    record KeyView(String keyId, Instant createdAt) {
    }

    record QuotaView(int limitForPeriod, java.time.Duration period) {
    }

    record PartnerView(String partnerId, String name, String contactEmail, String status, long version,
                       List<KeyView> keys, Instant createdAt, Instant updatedAt, QuotaView quota) {

        static PartnerView of(Partner p) {
            return new PartnerView(p.partnerId(), p.name(), p.contactEmail(), p.status().name(), p.version(),
                    p.apiKeys().stream().map(k -> new KeyView(k.keyId(), k.createdAt())).toList(),
                    p.createdAt(), p.updatedAt(),
                    p.quota() == null ? null : new QuotaView(p.quota().limitForPeriod(), p.quota().period()));
        }
    }

    @Operation(summary = "Register a partner job board",
            description = "Returns the partner's first API key; it is shown only this once and stored as a SHA-256 hash.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = @ExampleObject(value = ApiExamples.PARTNER_REQUEST)))
    @ApiResponse(responseCode = "201", description = "Registered; apiKey is shown only now",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = IssuedKeyResponse.class),
                    examples = @ExampleObject(value = ApiExamples.PARTNER_KEY_RESPONSE)))
    @PostMapping("/api/v1/partners")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<IssuedKeyResponse> register(@RequestBody(required = false) RegisterPartner body) {
        return Mono.fromSupplier(() -> validate(body))
                .flatMap(b -> partners.register(b.name().strip(), b.contactEmail() == null ? null : b.contactEmail().strip()))
                .map(r -> new IssuedKeyResponse(r.partner().partnerId(), r.partner().name(), r.key().keyId(),
                        r.key().plainKey()));
    }

    record PartnerPage(List<PartnerView> items, String nextCursor) {
    }

    @Operation(summary = "List the partners in partnerId order, with cursor paging (without key material)")
    @GetMapping("/api/v1/partners")
    Mono<PartnerPage> list(
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "page size, 1-" + MAX_PAGE + " (default 50)") @RequestParam(required = false) Integer limit) {
        int size = limit == null ? 50 : limit;
        List<Violation> violations = new java.util.ArrayList<>();
        if (size < 1 || size > MAX_PAGE) {
            violations.add(new Violation("limit", "must be between 1 and " + MAX_PAGE));
        }
        if (cursor != null && !PARTNER_ID.matcher(cursor).matches()) {
            violations.add(NOT_A_CURSOR);
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequest(violations));
        }
        return partners.list(cursor, size + 1)
                .switchIfEmpty(Mono.error(() -> new InvalidRequest(List.of(NOT_A_CURSOR))))
                .map(found -> {
                    List<PartnerView> items = found.stream().limit(size).map(PartnerView::of).toList();
                    return new PartnerPage(items, found.size() > size ? items.getLast().partnerId() : null);
                });
    }

    @Operation(summary = "Get a partner (without key material)")
    @GetMapping("/api/v1/partners/{partnerId}")
    Mono<PartnerView> get(@PathVariable String partnerId) {
        return partners.get(partnerId).map(PartnerView::of);
    }

    @Operation(summary = "Issue an additional API key (rotation: the old keys stay valid until revoked)")
    @PostMapping("/api/v1/partners/{partnerId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<IssuedKeyResponse> addKey(@PathVariable String partnerId) {
        return partners.addKey(partnerId)
                .map(r -> new IssuedKeyResponse(r.partner().partnerId(), r.partner().name(), r.key().keyId(),
                        r.key().plainKey()));
    }

    @Operation(summary = "Revoke an API key; it stops working at once, here and in every service")
    @DeleteMapping("/api/v1/partners/{partnerId}/keys/{keyId}")
    Mono<PartnerView> revokeKey(@PathVariable String partnerId, @PathVariable String keyId) {
        return partners.revokeKey(partnerId, keyId).map(PartnerView::of);
    }

    private static RegisterPartner validate(RegisterPartner body) {
        if (body == null) {
            throw new InvalidRequest(List.of(new Violation("", "a JSON body {name, contactEmail} is required")));
        }
        List<Violation> violations = new java.util.ArrayList<>();
        if (body.name() == null || body.name().isBlank()) {
            violations.add(new Violation("name", "must not be blank"));
        } else if (body.name().length() > MAX_NAME) {
            violations.add(new Violation("name", "must be at most " + MAX_NAME + " characters"));
        } else if (PrintableText.textProblem(body.name(), false) != null) {
            violations.add(new Violation("name", PrintableText.textProblem(body.name(), false)));
        }
        if (body.contactEmail() == null || !body.contactEmail().strip().matches("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}$")) {
            violations.add(new Violation("contactEmail", "must be an e-mail address"));
        } else if (PrintableText.identifierProblem(body.contactEmail().strip()) != null) {
            violations.add(new Violation("contactEmail", PrintableText.identifierProblem(body.contactEmail().strip())));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
        return body;
    }
}
