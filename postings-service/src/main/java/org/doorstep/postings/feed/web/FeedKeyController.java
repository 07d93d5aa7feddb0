package org.doorstep.postings.feed.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.feed.FeedKey;
import org.doorstep.postings.feed.app.FeedKeyService;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import org.doorstep.postings.web.PrintableText;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Operators issue keys to readers of the feed that are not partners; auditors may look them up. */
@RestController
@Tag(name = "Feed keys", description = "Keys to the change feed for aggregators (operator token; auditors may read)")
class FeedKeyController {

    private static final int MAX_NAME = 200;

    private final FeedKeyService keys;

    FeedKeyController(FeedKeyService keys) {
        this.keys = keys;
    }

    record IssueFeedKey(String name) {
    }

    record IssuedFeedKey(String keyId, String name, String apiKey, Instant createdAt) {
    }

    record FeedKeyView(String keyId, String name, Instant createdAt) {
    }

    @Operation(summary = "Issue a feed key (shown only this once, stored as a SHA-256 hash)")
    @PostMapping("/api/v1/feed/keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<IssuedFeedKey> issue(@RequestBody(required = false) IssueFeedKey body) {
        return Mono.fromSupplier(() -> name(body)).flatMap(keys::issue)
                .map(i -> new IssuedFeedKey(i.key().keyId(), i.key().name(), i.plainKey(), i.key().createdAt()));
    }

    @Operation(summary = "Get a feed key (without key material)")
    @GetMapping("/api/v1/feed/keys/{keyId}")
    Mono<FeedKeyView> get(@PathVariable String keyId) {
        return keys.get(keyId).map(k -> new FeedKeyView(k.keyId(), k.name(), k.createdAt()));
    }

    @Operation(summary = "Revoke a feed key: it stops working at once")
    @DeleteMapping("/api/v1/feed/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable String keyId) {
        return keys.revoke(keyId);
    }

    private static String name(IssueFeedKey body) {
        String name = body == null ? null : body.name();
        String problem = name == null || name.isBlank() ? "must not be blank"
                : name.length() > MAX_NAME ? "must be at most " + MAX_NAME + " characters"
                : PrintableText.textProblem(name, false);
        if (problem != null) {
            throw new InvalidRequest(List.of(new Violation("name", problem)));
        }
        return name.strip();
    }
}
