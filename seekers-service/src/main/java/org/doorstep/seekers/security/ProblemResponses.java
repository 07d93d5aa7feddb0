package org.doorstep.seekers.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.doorstep.seekers.limits.AbuseLimiter;
import org.doorstep.seekers.limits.web.ClientAddresses;
import org.doorstep.seekers.limits.RateLimited;
import org.doorstep.seekers.i18n.ProblemTexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as problem+json, written by the security filter chain before any controller runs (no bean: it is the
 * chain's). Each 401 counts against the client's failed-authentication limit; beyond it the failure is a
 * {@link RateLimited} error (answered 429 with {@code Retry-After}). Valid credentials never come here. What a 401
 * says is the service's own (which credentials it takes): {@code problem.unauthorized.missing.detail} and, when credentials
 * were presented, {@code problem.unauthorized.invalid-token.detail} in {@code messages.properties} (English) and
 * {@code messages_zh.properties}; nothing about why a token failed. The same in every service (ServiceCopiesTest).
 */
class ProblemResponses {

    private final JsonMapper json;
    private final AbuseLimiter limiter;
    private final ClientAddresses clients;

    ProblemResponses(JsonMapper json, AbuseLimiter limiter, ClientAddresses clients) {
        this.json = json;
        this.limiter = limiter;
        this.clients = clients;
    }

    ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, e) -> Mono.fromRunnable(() -> limiter.failedAuthentication(clients.of(exchange.getRequest())))
                .then(Mono.defer(() -> exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                        ? write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                                "problem.unauthorized.invalid-token.detail",
                                "The credentials presented are invalid, expired or no longer valid.")
                        : write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                                "problem.unauthorized.missing.detail",
                                "Credentials are required for this resource (Authorization: Bearer <token>).")));
    }

    ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "problem.forbidden.detail", "These credentials do not grant access to this resource.");
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title,
                             String detailCode, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://doorstep.example/problems/" + type);
        problem.put("title", ProblemTexts.text("problem." + type + ".title", title, exchange));
        problem.put("status", status.value());
        problem.put("detail", ProblemTexts.text(detailCode, detail, exchange));
        problem.put("instance", exchange.getRequest().getPath().value());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            // the RFC 6750 error code when a token was presented; nothing said about why it failed
            boolean tokenPresent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenPresent ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
