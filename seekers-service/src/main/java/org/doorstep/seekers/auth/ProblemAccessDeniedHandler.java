package org.doorstep.seekers.auth;

import java.nio.charset.StandardCharsets;

import org.doorstep.seekers.problem.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 403 as RFC 9457 problem+json: valid credentials without the role the resource needs (a seeker's on the metrics). */
class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = """
                {"type":"https://doorstep.example/problems/forbidden","title":"%s","status":403,\
                "detail":"%s","instance":"%s"}""".formatted(
                json(ProblemTexts.text("problem.forbidden.title", "Forbidden", exchange)),
                json(ProblemTexts.text("problem.forbidden.detail",
                        "These credentials do not grant access to this resource.", exchange)),
                json(exchange.getRequest().getPath().value()));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
