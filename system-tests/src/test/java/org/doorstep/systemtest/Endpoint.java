package org.doorstep.systemtest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.doorstep.local.DoorstepService;

/**
 * One public operation of one service, with what a hostile request needs to know about it: who may call it, what
 * body it reads, and which faults are sure to make it refuse a request.
 *
 * @param template the path as the service's OpenAPI document writes it, variables in braces
 * @param query    the query parameters its OpenAPI document names
 */
record Endpoint(DoorstepService service, String method, String template, Caller caller, Body body, Set<Trait> traits,
                List<String> query) {

    /** Who the endpoint lets in. */
    enum Caller {
        /** no credential needed (an invalid bearer token may still be refused) */
        ANYONE,
        /** {@code Bearer <operator token>} */
        OPERATOR,
        /** {@code Bearer dsk_...}, a partner's API key */
        PARTNER,
        /** {@code Bearer <seeker JWT>} */
        SEEKER
    }

    /** The body an endpoint reads: a valid one of each kind is the base that the hostile ones are made from. */
    enum Body {
        NONE, POSTING, POSTING_LINES, CAMPAIGN, PARTNER, PROFILE, PROFILE_PATCH, WEBHOOK, REPLAY, EXTRACTION
    }

    enum Trait {
        /** its path variables name things that must exist: any id this test makes up is refused (404 or 400) */
        NAMED_MUST_EXIST,
        /** declares {@code consumes}: any other content type is a 415 */
        CHECKS_CONTENT_TYPE,
        /** an If-Match that is not a version is a 412 */
        IF_MATCH,
        /** answers 200 with one result line per input line, each of which may be rejected */
        PER_LINE_RESULTS,
        /** a POST that changes nothing (a computation): accepting it is fine */
        NO_EFFECT,
        /** Server-Sent Events: a 200 is a stream that does not end */
        EVENT_STREAM,
        /** actuator and OpenAPI document endpoints (not in the OpenAPI document itself) */
        INFRASTRUCTURE,
        /** an operator's endpoint that lets partners' API keys in too (the list of campaigns they tag postings with) */
        PARTNERS_TOO
    }

    static Endpoint of(DoorstepService service, String method, String template, Caller caller, Body body, Trait... traits) {
        Set<Trait> set = EnumSet.noneOf(Trait.class);
        set.addAll(List.of(traits));
        return new Endpoint(service, method, template, caller, body, Set.copyOf(set), List.of());
    }

    Endpoint withQuery(List<String> parameters) {
        return new Endpoint(service, method, template, caller, body, traits, List.copyOf(parameters));
    }

    /** GET, HEAD and OPTIONS, and POSTs that change nothing: a request that is accepted changes no state. */
    boolean safe() {
        return method.equals("GET") || traits.contains(Trait.NO_EFFECT);
    }

    boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** "GET /api/v1/postings/{externalId}" */
    String operation() {
        return method + " " + template;
    }

    @Override
    public String toString() {
        return service.module() + " " + operation();
    }
}
