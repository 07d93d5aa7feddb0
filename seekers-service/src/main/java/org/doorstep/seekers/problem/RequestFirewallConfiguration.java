package org.doorstep.seekers.problem;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall (the default one, with its method list written out) answers what it rejects
 * as a problem instead of an empty 400: a method no endpoint has (TRACE, CONNECT, made-up ones) is a 405 with
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
    ServerExchangeRejectedHandler rejectedRequests(ProblemWriter writer) {
        return (exchange, rejection) -> {
            if (!METHODS.contains(exchange.getRequest().getMethod())) {
                HttpHeaders headers = new HttpHeaders();
                headers.setAllow(METHODS);
                ProblemDetail problem = Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                        "Method Not Allowed", "Method '" + exchange.getRequest().getMethod().name()
                                + "' is not supported by this service.", exchange);
                return writer.write(exchange, Problems.respond(problem, headers));
            }
            return writer.write(exchange, Problems.rejectedByFirewall(exchange));
        };
    }
}
