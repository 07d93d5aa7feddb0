package org.doorstep.postings.errors;

import java.util.List;

import org.doorstep.postings.problem.ProblemTypes;
import org.doorstep.postings.problem.RateLimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
 * Problems for what fails outside the controller advice's reach, ahead of Spring Boot's error handler
 * ({@code @Order(-1)}), whose error JSON is not RFC 9457: an error raised while the advice's own answer is written
 * (an {@code Accept} header that names no media type fails content negotiation a second time), or by a web filter
 * (the security chain's failed-authentication limit: 429).
 * Written with the codecs directly, so that {@code Accept} is not consulted again. Statuses Spring knows keep their
 * status and headers; the store out of reach is a 503; anything else a 500 without its internals.
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
        HttpHeaders headers = new HttpHeaders();
        ProblemDetail problem = ProblemTexts.localize(problem(failure, headers), exchange);
        return ServerResponse.status(problem.getStatus())
                .headers(h -> h.addAll(headers))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private static ProblemDetail problem(Throwable failure, HttpHeaders headers) {
        if (failure instanceof RateLimited limited) {
            // the failed-authentication limit, met by the security chain's entry point
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, limited.getMessage());
            problem.setType(ProblemTypes.RATE_LIMITED);
            problem.setTitle("Too many requests");
            return problem;
        }
        if (ProblemHandler.storeUnreachable(failure)) {
            log.warn("Store unavailable: {}", failure.toString());
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemHandler.STORE_RETRY_AFTER_SECONDS));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service cannot reach its store at the moment; retry the request in a few seconds.");
            problem.setType(ProblemTypes.STORE_UNAVAILABLE);
            problem.setTitle("Store unavailable");
            return problem;
        }
        if (failure instanceof ServerExchangeRejectedException) {
            return ProblemHandler.rejectedByFirewall();
        }
        if (failure instanceof ErrorResponse known) {
            HttpStatusCode status = known.getStatusCode();
            headers.addAll(known.getHeaders());
            ProblemDetail problem = known.getBody();
            problem.setType(status.value() == 404 ? ProblemTypes.NOT_FOUND
                    : status.is4xxClientError() ? ProblemTypes.BAD_REQUEST : ProblemTypes.INTERNAL);
            return problem;
        }
        log.error("Unexpected failure", failure);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be processed.");
        problem.setType(ProblemTypes.INTERNAL);
        problem.setTitle("Internal error");
        return problem;
    }
}
