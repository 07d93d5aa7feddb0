package org.doorstep.postings.security;

import org.doorstep.postings.limits.AbuseLimiter;
import org.doorstep.postings.limits.web.ClientAddresses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators and auditors (README "Identity model"): they manage partners and campaigns and read the metrics. Reading
 * (GET) needs the operator or the auditor role, changing anything the operator role. Partner job boards' API keys
 * on the postings API are checked by {@code PartnerAuthenticator}, not here: a bearer token is read as an operator's
 * only on the operator paths. Health, info, the actuator index and the OpenAPI document are public.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String OPERATOR = OperatorRole.OPERATOR.name();
    static final String AUDITOR = OperatorRole.AUDITOR.name();

    private static final String[] OPERATOR_API = {"/api/v1/partners/**", "/api/v1/campaigns/**", "/api/v1/feed/keys/**",
            "/api/v1/audit/**", "/api/v1/postings:locations"};
    private static final String CAMPAIGN_LIST = "/api/v1/campaigns";
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
                        // the list of campaigns: partners tag postings with their codes (the controller admits their key)
                        .pathMatchers(HttpMethod.GET, CAMPAIGN_LIST).access(SecurityConfiguration::operatorOrNobody)
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
                        .authenticationEntryPoint(partnerKeysForbidden(problems))
                        .accessDeniedHandler(problems.forbidden()))
                .build();
    }

    /** Reads the bearer token only where an operator's is expected; elsewhere it is a partner's API key. */
    private static ServerAuthenticationConverter onOperatorPaths(ServerAuthenticationConverter bearer) {
        ServerWebExchangeMatcher operatorPaths = new AndServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers(OPERATOR_API[0], OPERATOR_API[1], OPERATOR_API[2],
                        OPERATOR_API[3], OPERATOR_API[4], "/actuator/**"),
                new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(PUBLIC_ACTUATOR)));
        return exchange -> operatorPaths.matches(exchange)
                .filter(match -> match.isMatch() && !partnerKey(exchange))
                .flatMap(match -> bearer.convert(exchange));
    }

    /**
     * A partner's API key on an operator path (other than the campaign list, which admits it) is a known kind of
     * credential without the role: 403, as for any identity without it, and not counted as a failed authentication
     * (a partner calling the wrong endpoint would otherwise lock its own address out). Nothing is learnt about the key:
     * a valid and an invalid one get the same answer here.
     */
    private static ServerAuthenticationEntryPoint partnerKeysForbidden(ProblemResponses problems) {
        ServerAuthenticationEntryPoint unauthorized = problems.unauthorized();
        ServerAccessDeniedHandler forbidden = problems.forbidden();
        return (exchange, e) -> partnerKey(exchange)
                ? forbidden.handle(exchange, new AccessDeniedException("a partner's API key on an operator path"))
                : unauthorized.commence(exchange, e);
    }

    /**
     * The campaign list: an operator's or auditor's token, or none here (a partner's key, which the controller admits);
     * a token of anyone else is forbidden as on every operator path.
     */
    private static Mono<AuthorizationResult> operatorOrNobody(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication.filter(a -> !(a instanceof AnonymousAuthenticationToken) && a.isAuthenticated())
                .<AuthorizationResult>map(a -> new AuthorizationDecision(a.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .anyMatch(role -> role.equals("ROLE_" + OPERATOR) || role.equals("ROLE_" + AUDITOR))))
                .defaultIfEmpty(new AuthorizationDecision(true));
    }

    /** A partner's API key ({@code dsk_...}), which the campaign list admits itself. */
    private static boolean partnerKey(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.startsWith("Bearer dsk_");
    }
}
