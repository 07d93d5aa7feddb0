package org.doorstep.seekers.security;

import org.doorstep.seekers.limits.AbuseLimiter;
import org.doorstep.seekers.limits.web.ClientAddresses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security. Registration is open in local mode (it issues the token) and needs the
 * provider's token in OIDC mode; everything under {@code /api} else needs a seeker token. The metrics (the actuator
 * beyond health and info) need an operator's or an auditor's credentials (README "Identity model"): reading them
 * either role, anything else the operator.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OPERATOR = OperatorRole.OPERATOR.name();
    static final String AUDITOR = OperatorRole.AUDITOR.name();

    /** The operators' map of where seekers are (counted in grid cells): operators and auditors only. */
    private static final String SEEKER_MAP = "/api/v1/seekers:locations";
    private static final String[] PUBLIC_ACTUATOR = {"/actuator", "/actuator/health", "/actuator/health/**",
            "/actuator/info"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder, IdentityMode mode,
                                                  OperatorProperties operatorSettings, AbuseLimiter limiter,
                                                  ClientAddresses clients, JsonMapper json) {
        ProblemResponses problems = new ProblemResponses(json, limiter, clients);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchange -> {
                    if (!mode.externalProvider()) {
                        exchange.pathMatchers(HttpMethod.POST, "/api/v1/seekers").permitAll();
                    }
                    exchange.pathMatchers(PUBLIC_ACTUATOR).permitAll()
                            .pathMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/**",
                                    "/webjars/**").permitAll()
                            .pathMatchers(HttpMethod.GET, SEEKER_MAP).hasAnyRole(OPERATOR, AUDITOR)
                            .pathMatchers(SEEKER_MAP).hasRole(OPERATOR)
                            .pathMatchers(HttpMethod.GET, "/actuator/**").hasAnyRole(OPERATOR, AUDITOR)
                            .pathMatchers("/actuator/**").hasRole(OPERATOR)
                            .anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .authenticationManagerResolver(byPath(new JwtReactiveAuthenticationManager(decoder),
                                OperatorAuthentication.forMode(mode, operatorSettings)))
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .build();
    }

    /** Operators' credentials on the seekers' map and the protected actuator endpoints, seekers' everywhere else. */
    private static ReactiveAuthenticationManagerResolver<ServerWebExchange> byPath(ReactiveAuthenticationManager seekers,
                                                                                   ReactiveAuthenticationManager operators) {
        ServerWebExchangeMatcher operatorPaths = new OrServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(SEEKER_MAP),
                new AndServerWebExchangeMatcher(
                        ServerWebExchangeMatchers.pathMatchers("/actuator/**"),
                        new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(PUBLIC_ACTUATOR))));
        return exchange -> operatorPaths.matches(exchange)
                .map(match -> match.isMatch() ? operators : seekers);
    }
}