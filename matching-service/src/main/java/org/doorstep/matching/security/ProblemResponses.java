package org.doorstep.matching.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.doorstep.matching.problem.ProblemTexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, written by the security filter chain before any controller runs (no bean: it is the chain's). */
class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "An operator or auditor token is required (Authorization: Bearer <token>); none valid was presented.");
    }

    ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "These credentials do not grant access to this resource.");
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://doorstep.example/problems/" + type);
        problem.put("title", ProblemTexts.text("problem." + type + ".title", title, exchange));
        problem.put("status", status.value());
        problem.put("detail", ProblemTexts.text("problem." + type + ".detail", detail, exchange));
        problem.put("instance", exchange.getRequest().getPath().value());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            // as seekers-service answers: the RFC 6750 error code when a token was presented, none said about why
            boolean tokenPresent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenPresent ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
