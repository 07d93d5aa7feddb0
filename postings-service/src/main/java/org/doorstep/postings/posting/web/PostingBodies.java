package org.doorstep.postings.posting.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.doorstep.postings.web.MalformedJson;
import org.doorstep.postings.posting.CampaignCatalog;
import org.doorstep.postings.posting.PostingContent;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import reactor.core.publisher.Mono;

/**
 * Reads posting bodies (PUT, and each line of the NDJSON batch): parsed strictly (duplicate keys and trailing
 * content are errors), bound to {@link PostingRequest} by Jackson ({@link StrictBinding}) and checked by Bean
 * Validation, with every violation of both in one answer, ordered by field; then the one rule that needs the
 * database, that campaign codes name campaigns. The reader and the validator are built once: the batch reads thousands
 * of lines a second through them. The validator's clock is the service's, for the rules relative to now
 * ({@code validThrough}).
 */
@Component
class PostingBodies {

    /** What the service sets: a partner who sends it back is told so, not that it is unknown. */
    private static final Set<String> READ_ONLY = Set.of("postingId", "partnerId", "version", "status", "updatedAt",
            "closedReason");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private final ObjectReader postings = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule().setDeserializerModifier(new StrictBinding(false)))
            .addHandler(new StrictBinding.Problems())
            .build()
            .readerFor(PostingRequest.class);
    private final Validator validator;
    private final CampaignCatalog campaigns;

    PostingBodies(Clock clock, CampaignCatalog campaigns) {
        this.campaigns = campaigns;
        this.validator = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .clockProvider(() -> clock)
                .buildValidatorFactory().getValidator();
    }

    /** The content if valid, else null; every violation found; the campaign codes named (to be checked). */
    record Parsed(PostingContent content, List<Violation> violations, List<String> campaignCodes) {
    }

    /** One line of a batch: a posting that names its own {@code externalId}. */
    record Line(String externalId, Parsed parsed) {
    }

    /** A PUT body for the posting {@code externalId} of the path; the body may name the same id, no other. */
    Parsed parse(byte[] body, String externalId) {
        List<Violation> unbound = new ArrayList<>();
        PostingRequest request = bind(body, unbound);
        if (request == null) {
            return invalid(unbound);
        }
        List<Violation> more = new ArrayList<>();
        if (request.externalId() != null && !request.externalId().equals(externalId)) {
            more.add(new Violation("externalId", "must be the same as in the path"));
        }
        return validate(request.withExternalId(externalId), unbound, more);
    }

    /** A PUT body's content, once it is valid and names only known campaigns; else one error listing every violation. */
    Mono<PostingContent> content(byte[] body, String externalId) {
        Parsed parsed = parse(body, externalId);
        return unknownCampaigns(parsed.campaignCodes()).flatMap(unknown -> {
            List<Violation> all = violations(parsed, unknown);
            return all.isEmpty() ? Mono.just(parsed.content()) : Mono.error(new InvalidRequest(all));
        });
    }

    /** Those of {@code codes} that name no campaign (asked of the campaigns only when there are codes). */
    Mono<Set<String>> unknownCampaigns(Collection<String> codes) {
        return codes == null || codes.isEmpty() ? Mono.just(Set.of()) : campaigns.unknown(codes);
    }

    /** Every violation of a parsed body, given the campaign codes known not to exist. */
    static List<Violation> violations(Parsed parsed, Set<String> unknownCodes) {
        List<Violation> all = new ArrayList<>(parsed.violations());
        List<String> codes = parsed.campaignCodes() == null ? List.of() : parsed.campaignCodes();
        for (int i = 0; i < codes.size(); i++) {
            if (unknownCodes.contains(codes.get(i))) {
                all.add(new Violation("campaignCodes[" + i + "]", "unknown campaign"));
            }
        }
        return all;
    }

    /** One line of a batch, which names its own {@code externalId}. */
    Line parseLine(byte[] line) {
        List<Violation> unbound = new ArrayList<>();
        PostingRequest request = bind(line, unbound);
        if (request == null) {
            return new Line(null, invalid(unbound));
        }
        if (request.externalId() == null || unbound.stream().anyMatch(v -> v.field().equals("externalId"))) {
            return new Line(null, invalid(List.of(new Violation("externalId", "is required in every line of a batch"))));
        }
        return new Line(request.externalId(), validate(request, unbound, List.of()));
    }

    /** The request, or null where the body is no JSON object (then {@code unbound} says why). */
    private PostingRequest bind(byte[] body, List<Violation> unbound) {
        try {
            PostingRequest request = postings.withAttribute(StrictBinding.PROBLEMS, unbound).readValue(body);
            if (request == null && unbound.isEmpty()) {
                unbound.add(new Violation("$", "must be a JSON object"));
            }
            return request;
        } catch (JacksonException e) {
            unbound.clear();
            unbound.add(new Violation("$", MalformedJson.reason(e)));
            return null;
        }
    }

    private Parsed validate(PostingRequest request, List<Violation> unbound, List<Violation> more) {
        List<Violation> violations = named(BodyViolations.of(unbound, more, validator.validate(request)).stream())
                .sorted(Comparator.comparing(v -> sortKey(v.field()))).toList();
        return new Parsed(violations.isEmpty() ? request.toContent() : null, violations,
                request.campaignCodesToCheck());
    }

    private static Parsed invalid(List<Violation> violations) {
        return new Parsed(null, named(violations.stream()).toList(), List.of());
    }

    /** The body itself is {@code $}; a read-only member of the posting is named as such. */
    private static Stream<Violation> named(Stream<Violation> violations) {
        return violations.map(v -> v.field().isEmpty() ? new Violation("$", v.reason())
                : READ_ONLY.contains(v.field()) && v.reason().equals("unknown property")
                ? new Violation(v.field(), "read-only property; set by the service") : v);
    }

    /** {@code skills[2]} before {@code skills[10]}. */
    private static String sortKey(String field) {
        Matcher index = INDEX.matcher(field);
        return index.replaceAll(m -> "[" + "0".repeat(Math.max(0, 6 - m.group(1).length())) + m.group(1) + "]");
    }
}
