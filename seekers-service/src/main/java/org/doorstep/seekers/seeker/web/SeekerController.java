package org.doorstep.seekers.seeker.web;

import java.net.URI;
import java.util.UUID;

import org.doorstep.seekers.security.IdentityMode;
import org.doorstep.seekers.security.SeekerTokens;
import org.doorstep.seekers.limits.AbuseLimiter;
import org.doorstep.seekers.limits.web.ClientAddresses;
import org.doorstep.seekers.seeker.Actor;
import org.doorstep.seekers.seeker.SeekerService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/seekers", produces = MediaType.APPLICATION_JSON_VALUE)
class SeekerController implements SeekerApi {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final SeekerService seekers;
    private final SeekerTokens tokens;
    private final IdentityMode identity;
    private final JsonBodies bodies;
    private final AbuseLimiter limiter;
    private final ClientAddresses clients;

    SeekerController(SeekerService seekers, SeekerTokens tokens, IdentityMode identity, JsonBodies bodies,
                     AbuseLimiter limiter, ClientAddresses clients) {
        this.seekers = seekers;
        this.tokens = tokens;
        this.identity = identity;
        this.bodies = bodies;
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Registration>> register(@RequestBody(required = false) byte[] body,
                                                       @AuthenticationPrincipal Jwt jwt, ServerHttpRequest request) {
        // every attempt counts, valid or not: the limit is on what one client may try
        limiter.registration(clients.of(request));
        return Mono.fromCallable(() -> bodies.profile(body)).flatMap(profile -> {
            boolean external = identity.externalProvider();
            String seekerId = external ? jwt.getSubject() : UUID.randomUUID().toString();
            return seekers.register(seekerId, profile, new Actor(seekerId, "POST /api/v1/seekers"))
                    .map(seeker -> {
                        SeekerTokens.IssuedToken token = external ? null : tokens.issue(seekerId);
                        return ResponseEntity.created(URI.create("/api/v1/seekers/me"))
                                .body(new Registration(seekerId, token == null ? null : token.value(),
                                        token == null ? null : token.expiresAt()));
                    });
        });
    }

    @Override
    @GetMapping("/me")
    public Mono<SeekerView> me(@AuthenticationPrincipal Jwt jwt) {
        return seekers.find(jwt.getSubject()).map(SeekerView::of);
    }

    @Override
    @PutMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SeekerView> replace(@RequestBody(required = false) byte[] body, @AuthenticationPrincipal Jwt jwt) {
        return Mono.fromCallable(() -> bodies.profile(body))
                .flatMap(profile -> seekers.replace(jwt.getSubject(), profile,
                        new Actor(jwt.getSubject(), "PUT /api/v1/seekers/me")))
                .map(SeekerView::of);
    }

    @Override
    @PatchMapping(path = "/me", consumes = MERGE_PATCH_JSON)
    public Mono<SeekerView> patch(@RequestBody(required = false) byte[] body, @AuthenticationPrincipal Jwt jwt) {
        return Mono.fromCallable(() -> bodies.parse(body))
                .flatMap(patch -> seekers.change(jwt.getSubject(), current -> bodies.merge(current, patch),
                        new Actor(jwt.getSubject(), "PATCH /api/v1/seekers/me")))
                .map(SeekerView::of);
    }

    @Override
    @DeleteMapping("/me")
    public Mono<ResponseEntity<Void>> erase(@AuthenticationPrincipal Jwt jwt) {
        return seekers.erase(jwt.getSubject()).thenReturn(ResponseEntity.noContent().build());
    }
}
