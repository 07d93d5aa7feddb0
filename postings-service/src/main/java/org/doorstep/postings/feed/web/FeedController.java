package org.doorstep.postings.feed.web;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.feed.FeedCursor;
import org.doorstep.postings.feed.FeedCursorInvalid;
import org.doorstep.postings.feed.FeedFilter;
import org.doorstep.postings.feed.FeedPage;
import org.doorstep.postings.feed.app.FeedProperties;
import org.doorstep.postings.feed.app.FeedReaders;
import org.doorstep.postings.feed.app.FeedService;
import org.doorstep.postings.limits.AbuseLimiter;
import org.doorstep.postings.limits.web.ClientAddresses;
import org.doorstep.postings.partner.ApiKeyRejected;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import org.doorstep.postings.ratelimit.PartnerRateLimiter;
import org.doorstep.postings.web.PrintableText;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The change feed of open postings for aggregators and partners: pages of JSON, or a Server-Sent Events stream
 * that resumes from a cursor ({@code cursor} or {@code Last-Event-ID}).
 */
@RestController
@Tag(name = "Feed", description = "The change feed of postings (any partner API key, or a feed key)")
class FeedController {

    private static final int MAX_FILTER = 200;

    private final FeedReaders readers;
    private final FeedService feed;
    private final FeedProperties properties;
    private final PartnerRateLimiter rateLimiter;
    private final AbuseLimiter abuseLimiter;
    private final ClientAddresses clients;

    FeedController(FeedReaders readers, FeedService feed, FeedProperties properties, PartnerRateLimiter rateLimiter,
                   AbuseLimiter abuseLimiter, ClientAddresses clients) {
        this.readers = readers;
        this.feed = feed;
        this.properties = properties;
        this.rateLimiter = rateLimiter;
        this.abuseLimiter = abuseLimiter;
        this.clients = clients;
    }

    @Operation(summary = "A page of the change feed of postings",
            description = "Without a cursor: from the start, a snapshot of every posting still in the log (open "
                    + "postings, and tombstones for closed ones), then every change. Follow nextCursor; caughtUp says "
                    + "the page reached the end of the log (ask again later with the same nextCursor).")
    @GetMapping(path = "/api/v1/feed/postings", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<FeedPage> page(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @Parameter(description = "nextCursor of the previous page; absent: from the start")
            @RequestParam(required = false) String cursor,
            @Parameter(description = "page size, 1 to the configured maximum (default 100)")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "a region code or its prefix") @RequestParam(required = false) String region,
            @Parameter(description = "an ISCO-08 code or prefix, or an ESCO URI")
            @RequestParam(required = false) String occupation,
            @Parameter(description = "a campaign code or a target group of the posting")
            @RequestParam(required = false) String tag,
            ServerHttpRequest request) {
        return admit(auth, request).then(Mono.defer(() -> {
            List<Violation> violations = new ArrayList<>();
            FeedCursor from = cursor(cursor, "cursor", violations);
            FeedFilter filter = filter(region, occupation, tag, violations);
            int size = limit == null ? properties.defaultPageSize() : limit;
            if (size < 1 || size > properties.maxPageSize()) {
                violations.add(new Violation("limit", "must be between 1 and " + properties.maxPageSize()));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequest(violations));
            }
            return feed.page(from, filter, size);
        }));
    }

    @Operation(summary = "The change feed of postings as a live stream (Server-Sent Events)",
            description = "Each event is one feed item (event name = its change, id = the cursor after it); while "
                    + "nothing happens a comment with the current cursor as id keeps the connection alive. Reconnect "
                    + "with Last-Event-ID (or cursor) to resume.")
    @GetMapping(path = "/api/v1/feed/postings", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> stream(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String occupation,
            @RequestParam(required = false) String tag,
            ServerHttpRequest request) {
        return admit(auth, request).thenMany(Flux.defer(() -> {
            List<Violation> violations = new ArrayList<>();
            FeedCursor from = lastEventId != null && !lastEventId.isBlank()
                    ? cursor(lastEventId, "Last-Event-ID", violations)
                    : cursor(cursor, "cursor", violations);
            FeedFilter filter = filter(region, occupation, tag, violations);
            if (!violations.isEmpty()) {
                return Flux.error(new InvalidRequest(violations));
            }
            return feed.stream(from, filter).concatMap(page -> page.items().isEmpty()
                    ? Flux.just(ServerSentEvent.builder().id(page.nextCursor()).comment("caught up").build())
                    : Flux.fromIterable(page.items()).map(item -> ServerSentEvent.<Object>builder(item)
                            .id(item.cursor()).event(item.change().name()).build()));
        }));
    }

    private Mono<Void> admit(String auth, ServerHttpRequest request) {
        return readers.authenticate(auth)
                .onErrorResume(ApiKeyRejected.class, failure -> Mono.<String>fromRunnable(
                        () -> abuseLimiter.failedAuthentication(clients.of(request))).then(Mono.error(failure)))
                .flatMap(rateLimiter::acquire);
    }

    private static FeedCursor cursor(String value, String field, List<Violation> violations) {
        try {
            return FeedCursor.decode(value);
        } catch (FeedCursorInvalid e) {
            violations.add(new Violation(field, e.getMessage()));
            return null;
        }
    }

    private static FeedFilter filter(String region, String occupation, String tag, List<Violation> violations) {
        return new FeedFilter(param("region", region, violations), param("occupation", occupation, violations),
                param("tag", tag, violations));
    }

    private static String param(String name, String value, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = value.length() > MAX_FILTER ? "must be at most " + MAX_FILTER + " characters"
                : PrintableText.identifierProblem(value);
        if (problem != null) {
            violations.add(new Violation(name, problem));
        }
        return value.strip();
    }
}
