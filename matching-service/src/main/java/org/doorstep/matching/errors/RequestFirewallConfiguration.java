package org.doorstep.matching.errors;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * Spring Security's strict firewall (the default one, with its method list written out) answers what it rejects
 * as a problem, through {@link ProblemWebExceptionHandler}, instead of an empty 400: a method no endpoint has (TRACE, CONNECT, made-up ones) is a 405 with
 * {@code Allow}; a path or header it refuses (encoded slash, {@code //}, control characters) is a 400.
 */
@Configuration(proxyBeanMethods = false)
class RequestFirewallConfiguration {

    /** Every method some endpoint of this service answers; anything else never reaches a handler. */
    static final Set<HttpMethod> METHODS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(HttpMethod.GET,
            HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS)));

    @Bean
    ServerWebExchangeFirewall requestFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHttpMethods(METHODS);
        return firewall;
    }

    @Bean
    ServerExchangeRejectedHandler rejectedRequests() {
        // a refused path or header goes on as the rejection itself, which ProblemWebExceptionHandler answers the same
        // way as a query parameter name the firewall refuses later, when a handler first reads it
        return (exchange, rejection) -> Mono.error(METHODS.contains(exchange.getRequest().getMethod())
                ? rejection
                : new MethodNotAllowedException(exchange.getRequest().getMethod(), METHODS));
    }
}
