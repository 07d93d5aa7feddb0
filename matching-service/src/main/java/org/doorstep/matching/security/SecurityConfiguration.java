package org.doorstep.matching.security;

import org.doorstep.matching.limits.AbuseLimiter;
import org.doorstep.matching.limits.web.ClientAddresses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators and auditors (README "Identity model"): they read why a pair matches, the matching statistics and the
 * metrics; both roles may read (GET), anything else needs the operator role. Skill extraction, health, info, the
 * actuator index and the OpenAPI document are public; a bearer token is read only on the operator paths.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OPERATOR = OperatorRole.OPERATOR.name();
    static final String AUDITOR = OperatorRole.AUDITOR.name();

    private static final String[] OPERATOR_API = {"/api/v1/matches/**", "/api/v1/stats", "/api/v1/stats/**"};
    private static final String[] PUBLIC_ACTUATOR = {"/actuator", "/actuator/health", "/actuator/health/**",
            "/actuator/info"};

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, IdentityMode mode, OperatorProperties settings,
                                               JsonMapper json, AbuseLimiter limiter, ClientAddresses clients) {
        ProblemResponses problems = new ProblemResponses(json, limiter, clients);
        ReactiveAuthenticationManager operators = OperatorAuthentication.forMode(mode, settings);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PUBLIC_ACTUATOR).permitAll()
                        .pathMatchers(HttpMethod.GET, OPERATOR_API).hasAnyRole(OPERATOR, AUDITOR)
                        .pathMatchers(HttpMethod.HEAD, OPERATOR_API).hasAnyRole(OPERATOR, AUDITOR)
                        .pathMatchers(OPERATOR_API).hasRole(OPERATOR)
                        .pathMatchers(HttpMethod.GET, "/actuator/**").hasAnyRole(OPERATOR, AUDITOR)
                        .pathMatchers("/actuator/**").hasRole(OPERATOR)
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(onOperatorPaths(new ServerBearerTokenAuthenticationConverter()))
                        .authenticationManagerResolver(exchange -> Mono.just(operators))
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .build();
    }

    /** Reads the bearer token only where an operator's is expected; skill extraction takes none. */
    private static ServerAuthenticationConverter onOperatorPaths(ServerAuthenticationConverter bearer) {
        ServerWebExchangeMatcher operatorPaths = new AndServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(OPERATOR_API[0], OPERATOR_API[1], OPERATOR_API[2], "/actuator/**"),
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(PUBLIC_ACTUATOR)));
        return exchange -> operatorPaths.matches(exchange)
                .filter(ServerWebExchangeMatcher.MatchResult::isMatch)
                .flatMap(match -> bearer.convert(exchange));
    }
}
