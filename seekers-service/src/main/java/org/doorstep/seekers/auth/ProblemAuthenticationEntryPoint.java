package org.doorstep.seekers.auth;

import java.nio.charset.StandardCharsets;

import org.doorstep.seekers.limits.AbuseLimiter;
import org.doorstep.seekers.limits.web.ClientAddresses;
import org.doorstep.seekers.limits.RateLimited;
import org.springframework.http.HttpHeaders;
import org.doorstep.seekers.problem.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as RFC 9457 problem+json, with the bearer challenge; the reason is generic (no token details leak). Each
 * failure counts against the client's failed-authentication limit; beyond it the failure is a
 * {@link RateLimited} error (answered 429 with {@code Retry-After}). Valid tokens never come here.
 */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final AbuseLimiter limiter;
    private final ClientAddresses clients;

    ProblemAuthenticationEntryPoint(AbuseLimiter limiter, ClientAddresses clients) {
        this.limiter = limiter;
        this.clients = clients;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        return Mono.fromRunnable(() -> limiter.failedAuthentication(clients.of(exchange.getRequest())))
                .then(Mono.defer(() -> unauthorized(exchange)));
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange) {
        boolean tokenPresent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        String detail = tokenPresent
                ? ProblemTexts.text("problem.unauthorized.invalid-token.detail",
                        "The bearer token is invalid, expired, or no longer valid for this seeker.", exchange)
                : ProblemTexts.text("problem.unauthorized.detail", "A bearer token is required.", exchange);
        String title = ProblemTexts.text("problem.unauthorized.title", "Unauthorized", exchange);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenPresent ? "Bearer error=\"invalid_token\"" : "Bearer");
        String body = """
                {"type":"https://doorstep.example/problems/unauthorized","title":"%s","status":401,\
                "detail":"%s","instance":"%s"}""".formatted(title, detail, exchange.getRequest().getPath().value()
                .replace("\\", "\\\\").replace("\"", "\\\""));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
