package org.doorstep.console;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

import io.netty.channel.ConnectTimeoutException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The console's own errors as RFC 9457 problems with the project's type slugs: a service that is out of reach is a
 * 503 {@code service-unavailable} with {@code Retry-After} (not a 500), a path that is neither the front end nor a
 * forwarded API is a 404 {@code not-found}, anything else a 500 {@code internal} without details. The services' own
 * problems pass through the gateway unchanged.
 */
@Component
@Order(-2)
class ConsoleProblems implements WebExceptionHandler {

    static final String TYPE = "https://doorstep.example/problems/";

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status;
        String slug;
        String detail;
        if (causedBy(error, ConnectException.class) || causedBy(error, ConnectTimeoutException.class)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            slug = "service-unavailable";
            detail = "The service behind this path is out of reach; try again shortly.";
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        } else if (error instanceof ResponseStatusException rse && rse.getStatusCode().is4xxClientError()) {
            status = rse.getStatusCode();
            slug = status.value() == 404 ? "not-found" : status.value() == 405 ? "method-not-allowed" : "bad-request";
            detail = status.value() == 404 ? "No such page or API path." : "The request was refused.";
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            slug = "internal";
            detail = "Something went wrong.";
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"" + TYPE + slug + "\",\"title\":\"" + slug + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
