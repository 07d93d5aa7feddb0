package org.doorstep.notifications.security;

import java.util.List;

import org.doorstep.notifications.limits.AbuseLimiter;
import org.doorstep.notifications.limits.web.ClientAddresses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three kinds of callers, all with {@code Authorization: Bearer}: seekers (a token seekers-service would accept,
 * checked by {@link SeekerJwtDecoder}) on {@code /api/v1/me/**}, partner job boards (opaque API key, checked
 * against the partner registry copy) on {@code /api/v1/partner/**}, and operators and auditors (README "Identity
 * model": generated tokens locally, the provider's roles claim in OIDC mode) on the actuator beyond health and info,
 * which either role may read and only the operator change. The principal name is the seekerId or the partnerId.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String SEEKER = "SEEKER";
    static final String PARTNER = "PARTNER";
    static final String OPERATOR = OperatorRole.OPERATOR.name();
    static final String AUDITOR = OperatorRole.AUDITOR.name();

    private static final String[] PUBLIC_ACTUATOR = {"/actuator", "/actuator/health", "/actuator/health/**",
            "/actuator/info"};

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder seekerTokenDecoder,
                                               PartnerKeyAuthentication partners, IdentityMode mode,
                                               OperatorProperties operatorSettings, JsonMapper json,
                                               AbuseLimiter limiter, ClientAddresses clients) {
        ProblemResponses problems = new ProblemResponses(json, limiter, clients);
        JwtReactiveAuthenticationManager seekers = new JwtReactiveAuthenticationManager(seekerTokenDecoder);
        seekers.setJwtAuthenticationConverter(jwt -> Mono.just(
                new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(SEEKER)), jwt.getSubject())));
        ReactiveAuthenticationManager operators = OperatorAuthentication.forMode(mode, operatorSettings);
        ServerWebExchangeMatcher operatorPaths = new OrServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers("/api/v1/operator/**"),
                new AndServerWebExchangeMatcher(
                        ServerWebExchangeMatchers.pathMatchers("/actuator/**"),
                        new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(PUBLIC_ACTUATOR))));
        ReactiveAuthenticationManagerResolver<ServerWebExchange> byPath = exchange -> operatorPaths.matches(exchange)
                .map(operatorPath -> operatorPath.isMatch() ? operators
                        : exchange.getRequest().getPath().value().startsWith("/api/v1/partner")
                                ? (ReactiveAuthenticationManager) partners : seekers);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/v1/me/**").hasAuthority(SEEKER)
                        .pathMatchers("/api/v1/partner/**").hasAuthority(PARTNER)
                        .pathMatchers(HttpMethod.GET, "/api/v1/operator/**").hasAnyRole(OPERATOR, AUDITOR)
                        .pathMatchers("/api/**").denyAll()
                        .pathMatchers(PUBLIC_ACTUATOR).permitAll()
                        .pathMatchers(HttpMethod.GET, "/actuator/**").hasAnyRole(OPERATOR, AUDITOR)
                        .pathMatchers("/actuator/**").hasRole(OPERATOR)
                        .anyExchange().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        .authenticationManagerResolver(byPath)
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .build();
    }
}
