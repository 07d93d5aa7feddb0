package org.doorstep.postings.posting.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.doorstep.postings.openapi.ApiExamples;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.posting.PostingStatus;
import org.doorstep.postings.posting.app.PostingService;
import org.doorstep.postings.posting.app.Precondition;
import org.doorstep.postings.posting.app.PostingState;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.PreconditionFailed;
import org.doorstep.postings.problem.Violation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The partner API for one posting at a time. A partner sees only its own postings; others' are 404. */
@RestController
@Tag(name = "Postings", description = "Partner job boards publish and maintain their postings (partner API key)")
class PostingController {

    private final PartnerRequests partners;
    private final PostingService postings;
    private final PostingApiProperties properties;
    private final PostingBodies bodies;

    PostingController(PartnerRequests partners, PostingService postings, PostingApiProperties properties,
                      PostingBodies bodies) {
        this.partners = partners;
        this.postings = postings;
        this.properties = properties;
        this.bodies = bodies;
    }

    record PostingPage(List<PostingState> items, String nextCursor) {
    }

    @Operation(summary = "Create or change a posting by the partner's own id",
            description = "201 when created, 200 when changed or unchanged (the same body again changes nothing and "
                    + "publishes nothing). If-Match with a stale version gives 412.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PostingRequest.class),
            examples = @ExampleObject(value = ApiExamples.POSTING_REQUEST)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PostingState.class),
            examples = @ExampleObject(value = ApiExamples.POSTING_RESOURCE)))
    @ApiResponse(responseCode = "200", description = "Changed (version + 1) or unchanged (same body: nothing published)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostingState.class),
                    examples = @ExampleObject(value = ApiExamples.POSTING_RESOURCE)))
    @PutMapping(path = "/api/v1/postings/{externalId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PostingState>> put(
            @PathVariable String externalId,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @Parameter(description = "the version the change is based on, e.g. \"3\"")
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "* to create only: 412 when the posting exists")
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ServerHttpRequest request) {
        return partners.admit(auth, request).flatMap(partner -> RequestBodies.read(request, properties.maxBodyBytes())
                .flatMap(body -> bodies.content(body, externalId))
                .flatMap(content -> postings.upsert(partner.partnerId(), externalId, content, precondition(ifMatch, ifNoneMatch)))
                .map(result -> ResponseEntity
                        .status(result.outcome() == PostingService.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                        .eTag(String.valueOf(result.posting().version()))
                        .body(PostingState.of(result.posting()))));
    }

    @Operation(summary = "Get one of the partner's postings")
    @ApiResponse(responseCode = "200", description = "The posting; ETag is its version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostingState.class),
                    examples = @ExampleObject(value = ApiExamples.POSTING_RESOURCE)))
    @GetMapping("/api/v1/postings/{externalId}")
    Mono<ResponseEntity<PostingState>> get(
            @PathVariable String externalId,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            ServerHttpRequest request) {
        return partners.admit(auth, request)
                .flatMap(partner -> postings.get(partner.partnerId(), externalId))
                .map(p -> ResponseEntity.ok().eTag(String.valueOf(p.version())).body(PostingState.of(p)));
    }

    @Operation(summary = "List the partner's postings, ordered by externalId, with cursor paging")
    @ApiResponse(responseCode = "200", description = "A page; nextCursor is null on the last page",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostingPage.class),
                    examples = @ExampleObject(value = ApiExamples.POSTING_PAGE)))
    @GetMapping("/api/v1/postings")
    Mono<PostingPage> list(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @Parameter(description = "OPEN or CLOSED; absent = both") @RequestParam(required = false) String status,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "page size, 1 to the configured maximum (default 50)")
            @RequestParam(required = false) Integer limit,
            ServerHttpRequest request) {
        return partners.admit(auth, request).flatMap(partner -> {
            List<Violation> violations = new ArrayList<>();
            PostingStatus statusFilter = parseStatus(status, violations);
            String after = parseCursor(cursor, violations);
            int size = limit == null ? Math.min(50, properties.maxPageSize()) : limit;
            if (size < 1 || size > properties.maxPageSize()) {
                violations.add(new Violation("limit", "must be between 1 and " + properties.maxPageSize()));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequest(violations));
            }
            return postings.page(partner.partnerId(), statusFilter, after, size + 1).collectList().map(found -> {
                boolean more = found.size() > size;
                List<PostingState> items = found.stream().limit(size).map(PostingState::of).toList();
                String next = more ? encodeCursor(items.getLast().externalId()) : null;
                return new PostingPage(items, next);
            });
        });
    }

    @Operation(summary = "Close a posting (event posting.closed, closedReason PARTNER); closing again changes nothing")
    @ApiResponse(responseCode = "200", description = "The closed posting (status CLOSED, closedReason PARTNER)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostingState.class)))
    @DeleteMapping("/api/v1/postings/{externalId}")
    Mono<ResponseEntity<PostingState>> close(
            @PathVariable String externalId,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ServerHttpRequest request) {
        return partners.admit(auth, request)
                .flatMap(partner -> postings.close(partner.partnerId(), externalId, precondition(ifMatch, ifNoneMatch)))
                .map(p -> ResponseEntity.ok().eTag(String.valueOf(p.version())).body(PostingState.of(p)));
    }

    /**
     * The preconditions of {@code If-Match} (entity tags, or {@code *}) and {@code If-None-Match} (the same). A tag is a
     * version as the ETag gives it ({@code "3"}; unquoted digits are taken too); a weak tag ({@code W/"3"}) never
     * matches If-Match, which compares strongly; anything else is a 412 naming what a tag must be.
     */
    static Precondition precondition(String ifMatch, String ifNoneMatch) {
        Precondition precondition = Precondition.NONE;
        if (ifMatch != null && !ifMatch.isBlank()) {
            precondition = ifMatch.strip().equals("*") ? Precondition.existing()
                    : Precondition.oneOf(tags(ifMatch, "If-Match", false));
        }
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            precondition = ifNoneMatch.strip().equals("*") ? precondition.andAbsent()
                    : precondition.andNoneOf(tags(ifNoneMatch, "If-None-Match", true));
        }
        return precondition;
    }

    private static Set<Long> tags(String header, String name, boolean weakMatches) {
        Set<Long> versions = new LinkedHashSet<>();
        for (String part : header.split(",")) {
            String tag = part.strip();
            boolean weak = tag.startsWith("W/");
            String opaque = weak ? tag.substring(2) : tag;
            if (opaque.length() >= 2 && opaque.startsWith("\"") && opaque.endsWith("\"")) {
                opaque = opaque.substring(1, opaque.length() - 1);
            }
            if (opaque.isEmpty() || opaque.length() > 19 || !opaque.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new PreconditionFailed(name + " must be versions as given in the ETag, e.g. \"3\" or \"3\", \"4\".");
            }
            if (!weak || weakMatches) {
                versions.add(Long.parseLong(opaque));
            }
        }
        return versions;
    }

    private static PostingStatus parseStatus(String status, List<Violation> violations) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return PostingStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("status", "must be OPEN or CLOSED"));
            return null;
        }
    }

    private static String parseCursor(String cursor, List<Violation> violations) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String after = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor)))
                    .toString();
            if (PostingConstraints.externalIdProblem(after) == null && encodeCursor(after).equals(cursor)) {
                return after;
            }
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // not base64url, or not the UTF-8 of an id: refused below
        }
        // a cursor is the nextCursor of a page: base64url of the externalId the page ended at
        violations.add(new Violation("cursor", "is not a cursor this service returned"));
        return null;
    }

    private static String encodeCursor(String externalId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(externalId.getBytes(StandardCharsets.UTF_8));
    }
}
