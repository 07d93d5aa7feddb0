package org.doorstep.matching.errors;

import org.doorstep.matching.platform.store.StoreOutage;
import org.doorstep.matching.limits.RateLimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Errors that never reach a controller (the advice only sees the dispatcher's): a store outage met by a filter, the
 * token check or the actuator, a failed-authentication limit, what the request firewall refuses when a filter or the
 * actuator reads it, any status exception from a filter or the codecs (404, 405 with {@code Allow}, 406, 415). Same
 * problem shape as the advice. Ordered before Spring Boot's default handler (-1), which would answer its own error
 * JSON. The same in every service (ServiceCopiesTest in the system tests).
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ProblemWriter writer;

    ProblemWebExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        return writer.write(exchange, problem(exchange, failure));
    }

    private static ResponseEntity<ProblemDetail> problem(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof RateLimited limited) {
            return Problems.rateLimited(limited, exchange);
        }
        if (StoreOutage.causes(failure)) {
            log.warn("Store unreachable on {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), failure.toString());
            return Problems.storeUnavailable(exchange);
        }
        if (failure instanceof ServerExchangeRejectedException) {
            return Problems.rejectedByFirewall(exchange);
        }
        if (failure instanceof ErrorResponse error) {
            return Problems.framework(error.getStatusCode(), error.getBody(), error.getHeaders(), exchange);
        }
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return Problems.internal(exchange);
    }
}
