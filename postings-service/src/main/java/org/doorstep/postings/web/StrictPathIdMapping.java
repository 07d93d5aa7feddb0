package org.doorstep.postings.web;

import java.util.List;

import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring's request mapping, plus: once a route matched, every id its path names must be valid UTF-8 once
 * percent-decoded and printable ({@link PathIds}, {@link PrintableText}); otherwise 400 problem+json naming the
 * variable, before any controller (or store) sees an id with U+FFFD in place of what the client sent.
 */
class StrictPathIdMapping extends RequestMappingHandlerMapping {

    @Override
    protected void handleMatch(RequestMappingInfo info, HandlerMethod handlerMethod, ServerWebExchange exchange) {
        super.handleMatch(info, handlerMethod, exchange);
        PathPattern pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            return;
        }
        List<Violation> violations = PathIds.violations(pattern.getPatternString(),
                exchange.getRequest().getPath().pathWithinApplication().value());
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
        }
    }
}
