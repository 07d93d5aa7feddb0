package org.doorstep.matching.platform;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * Problem details for what fails outside the controllers' reach (a web filter, the codecs, anything the
 * controller advice did not answer), ahead of Boot's error handler ({@code @Order(-1)}), whose error JSON
 * is not RFC 9457. Statuses Spring knows keep their status and headers ({@code Allow}, ...); the store out
 * of reach is a 503; anything else a 500 without its internals.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final ServerResponse.Context context;

    ProblemWebExceptionHandler(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        ResponseEntity<ProblemDetail> problem = problemOf(failure, exchange);
        return ServerResponse.status(problem.getStatusCode())
                .headers(headers -> headers.addAll(problem.getHeaders()))
                .bodyValue(problem.getBody())
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private static ResponseEntity<ProblemDetail> problemOf(Throwable failure, ServerWebExchange exchange) {
        if (StoreFailures.unreachable(failure)) {
            log.warn("store out of reach: {}", failure.toString());
            return Problems.response(Problems.storeUnavailable(), null, exchange);
        }
        if (failure instanceof ServerExchangeRejectedException) {
            // the strict firewall checks query parameter names when they are first read (an actuator endpoint, a
            // controller), after its own filter: a name it refuses is the client's fault, as in the filter
            return Problems.response(Problems.rejectedByFirewall(), null, exchange);
        }
        if (failure instanceof ErrorResponse known) {
            HttpHeaders headers = new HttpHeaders();
            headers.addAll(known.getHeaders());
            return Problems.response(Problems.typed(known.getBody()), headers, exchange);
        }
        log.error("unexpected failure", failure);
        return Problems.response(Problems.internal(), null, exchange);
    }
}
