package org.doorstep.seekers.auth;

import org.doorstep.seekers.limits.AbuseLimiter;
import org.doorstep.seekers.limits.web.ClientAddresses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.HttpStatusServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless bearer-token security. Registration is open in local mode (it issues the token) and needs the
 * provider's token in OIDC mode; everything under {@code /api} else needs a seeker token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder, IdentityMode mode,
                                                  AbuseLimiter limiter, ClientAddresses clients) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(limiter, clients);
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
                    exchange.pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                    "/actuator/prometheus", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html",
                                    "/swagger-ui/**", "/webjars/**").permitAll()
                            .anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new HttpStatusServerAccessDeniedHandler(HttpStatus.FORBIDDEN)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .build();
    }
}
