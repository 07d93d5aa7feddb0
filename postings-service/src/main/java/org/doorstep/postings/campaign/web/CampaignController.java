package org.doorstep.postings.campaign.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.doorstep.postings.web.MalformedJson;
import org.doorstep.postings.openapi.ApiExamples;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.doorstep.postings.campaign.Campaign;
import org.doorstep.postings.campaign.app.CampaignService;
import org.doorstep.postings.posting.TargetGroup;
import org.doorstep.postings.problem.InvalidRequest;
import org.doorstep.postings.problem.Violation;
import org.doorstep.postings.web.PrintableText;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.doorstep.postings.posting.web.PartnerRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Operators run recruitment campaigns and watch their progress. */
@RestController
@Tag(name = "Campaigns", description = "Recruitment campaigns and their progress (operator token; auditors may read)")
class CampaignController {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /**
     * RFC 3339 {@code full-date}, what the OpenAPI document's {@code format: date} promises: {@code LocalDate.parse}
     * alone also takes a signed year of five digits or more ({@code +99999-01-01}), which a client cannot read back.
     */
    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> FIELDS = Set.of("code", "name", "startsOn", "endsOn", "targetJobs",
            "targetGroups");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CampaignService campaigns;
    private final PartnerRequests partners;

    CampaignController(CampaignService campaigns, PartnerRequests partners) {
        this.campaigns = campaigns;
        this.partners = partners;
    }

    record CampaignView(String code, String name, LocalDate startsOn, LocalDate endsOn, long targetJobs,
                        List<TargetGroup> targetGroups, Instant createdAt, Instant updatedAt,
                        CampaignService.Progress progress) {

        static CampaignView of(Campaign c, CampaignService.Progress progress) {
            return new CampaignView(c.code(), c.name(), c.startsOn(), c.endsOn(), c.targetJobs(), c.targetGroups(),
                    c.createdAt(), c.updatedAt(), progress);
        }
    }

    @Operation(summary = "Create a campaign (409 if the code exists)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = @ExampleObject(value = ApiExamples.CAMPAIGN_REQUEST)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CampaignView.class)))
    @PostMapping(path = "/api/v1/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CampaignView>> create(
            @RequestBody(required = false) String body) {
        return Mono.fromSupplier(() -> definition(body, null))
                .flatMap(campaigns::create)
                .map(c -> ResponseEntity.status(HttpStatus.CREATED).body(CampaignView.of(c, null)));
    }

    @Operation(summary = "Create or change a campaign by its code (201 created, 200 changed)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = @ExampleObject(value = ApiExamples.CAMPAIGN_REQUEST)))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CampaignView.class)))
    @ApiResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CampaignView.class)))
    @PutMapping(path = "/api/v1/campaigns/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CampaignView>> save(
            @PathVariable String code,
            @RequestBody(required = false) String body) {
        return Mono.fromSupplier(() -> definition(body, code))
                .flatMap(campaigns::save)
                .map(s -> ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(CampaignView.of(s.campaign(), null)));
    }

    @Operation(summary = "List campaigns (operators and auditors; partners with their API key too, to tag postings)")
    @GetMapping("/api/v1/campaigns")
    Flux<CampaignView> list(ServerWebExchange exchange) {
        Mono<?> admitted = exchange.getPrincipal().cast(Object.class).switchIfEmpty(Mono.defer(() -> partners.admit(
                exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION), exchange.getRequest())));
        return admitted.thenMany(campaigns.all()).map(c -> CampaignView.of(c, null));
    }

    @Operation(summary = "Get a campaign with its progress: open postings and vacancies, in total and by region")
    @ApiResponse(responseCode = "200", description = "The campaign with its progress",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CampaignView.class),
                    examples = @ExampleObject(value = ApiExamples.CAMPAIGN_RESPONSE)))
    @GetMapping("/api/v1/campaigns/{code}")
    Mono<CampaignView> get(@PathVariable String code) {
        return campaigns.get(code)
                .flatMap(c -> campaigns.progress(code).map(p -> CampaignView.of(c, p)));
    }

    private static CampaignService.Definition definition(String body, String pathCode) {
        List<Violation> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequest(List.of(new Violation("$", MalformedJson.reason(e))));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequest(List.of(new Violation("$", "must be a JSON object")));
        }
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(new Violation(name, "unknown property"));
            }
        }
        String code = text(root, "code");
        if (pathCode != null) {
            if (code != null && !code.equals(pathCode)) {
                errors.add(new Violation("code", "must be the same as in the path"));
            }
            code = pathCode;
        }
        if (code == null || !CODE.matcher(code).matches()) {
            errors.add(new Violation("code", "must be 1 to 64 letters, digits, '-' or '_'"));
        }
        String name = text(root, "name");
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Violation("name", "must be 1 to 200 characters"));
        } else if (PrintableText.textProblem(name, false) != null) {
            errors.add(new Violation("name", PrintableText.textProblem(name, false)));
        }
        LocalDate startsOn = date(root, "startsOn", errors);
        LocalDate endsOn = date(root, "endsOn", errors);
        if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
            errors.add(new Violation("endsOn", "must not be before startsOn"));
        }
        JsonNode jobs = root.get("targetJobs");
        long targetJobs = 0;
        if (jobs == null || !jobs.isIntegralNumber() || !jobs.canConvertToLong() || jobs.longValue() < 0
                || jobs.longValue() > 1_000_000_000L) {
            errors.add(new Violation("targetJobs", "must be an integer between 0 and 1000000000"));
        } else {
            targetJobs = jobs.longValue();
        }
        Set<TargetGroup> groups = new LinkedHashSet<>();
        JsonNode groupsNode = root.get("targetGroups");
        if (groupsNode != null && !groupsNode.isNull()) {
            if (!groupsNode.isArray()) {
                errors.add(new Violation("targetGroups", "must be an array"));
            } else {
                for (int i = 0; i < groupsNode.size(); i++) {
                    JsonNode g = groupsNode.get(i);
                    try {
                        groups.add(TargetGroup.valueOf(g.isString() ? g.stringValue() : ""));
                    } catch (IllegalArgumentException e) {
                        errors.add(new Violation("targetGroups[" + i + "]",
                                "must be one of " + java.util.Arrays.toString(TargetGroup.values())));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new CampaignService.Definition(code, name.strip(), startsOn, endsOn, targetJobs, List.copyOf(groups));
    }

    private static String text(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static LocalDate date(JsonNode root, String name, List<Violation> errors) {
        String value = text(root, name);
        try {
            if (value != null && FULL_DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new Violation(name, "must be a date such as 2026-03-01"));
        return null;
    }
}
